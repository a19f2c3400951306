package org.shouhu.ingest;

import static org.assertj.core.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.protocol.UplinkMessage;
import org.shouhu.support.db.Databases;

/**
 * What the ingest tests share: a fresh database per test class, the test broker, a publisher, a recording SOS
 * handler and listener, and deployment of the verticle with a unique client id and share group.
 */
final class IngestFixture implements AutoCloseable {

    final HikariDataSource dataSource = Databases.pool(TestServices.freshDatabase(), "ingest-test", 6);
    /** The registry of the most recently created verticle (a gauge binds to one verticle's queue). */
    volatile SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final List<SosReceived> sosCalls = new CopyOnWriteArrayList<>();
    final List<StoredPosition> positionsSeen = new CopyOnWriteArrayList<>();
    final String shareGroup = "ingest-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final MqttClient publisher;

    IngestFixture() throws MqttException {
        publisher = new MqttClient(TestServices.mqttUrl(), "pub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        publisher.connect(options);
    }

    /** Ordinary broker connections per verticle in these tests: more than one, so that sharing them is exercised. */
    static final int CONNECTIONS = 2;

    /** Properties for a verticle of this fixture: the test broker, a fresh client id, this share group. */
    Map<String, String> properties(String clientId) {
        Map<String, String> properties = new HashMap<>();
        properties.put(IngestConfig.MQTT_URL, TestServices.mqttUrl());
        properties.put(IngestConfig.CLIENT_ID, clientId);
        properties.put(IngestConfig.SHARE_GROUP, shareGroup);
        properties.put(IngestConfig.RECONNECT_MIN, "50ms");
        properties.put(IngestConfig.RETRY_MAX_BACKOFF, "200ms");
        properties.put(IngestConfig.SHUTDOWN_TIMEOUT, "2s");
        properties.put(IngestConfig.CONNECTIONS, Integer.toString(CONNECTIONS));
        return properties;
    }

    static String newClientId() {
        return "ingest-test-" + UUID.randomUUID();
    }

    /** A handler that records every SOS and succeeds. */
    SosHandler recordingHandler() {
        return sos -> {
            sosCalls.add(sos);
            return Future.succeededFuture();
        };
    }

    TelemetryListener recordingListener() {
        return new TelemetryListener() {
            @Override
            public void onPositions(List<StoredPosition> positions) {
                positionsSeen.addAll(positions);
            }
        };
    }

    IngestVerticle verticle(Map<String, String> properties, DataSource source, SosHandler handler) {
        registry = new SimpleMeterRegistry();
        return new IngestVerticle(IngestConfig.fromProperties(properties), source, registry, handler,
                recordingListener(), Clock.systemUTC());
    }

    static String deploy(Vertx vertx, IngestVerticle verticle) throws Exception {
        return vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static void undeploy(Vertx vertx, String deploymentId) throws Exception {
        vertx.undeploy(deploymentId).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static DeviceId randomDevice() {
        return new DeviceId(ThreadLocalRandom.current().nextLong(100_000_000_000_000L, DeviceId.LIMIT));
    }

    static Fix fixAt(Instant time, double lat, double lon) {
        return new Fix(time, lat, lon, 8, FixSource.GNSS, 1.5, 90.0);
    }

    static PositionReport position(DeviceId device, long sequence, Instant time) {
        return new PositionReport(device, sequence, fixAt(time, 26.5 + sequence * 1e-4, 106.7), 80);
    }

    static SosPress sos(DeviceId device, long sequence, Instant pressedAt, Fix fix) {
        return new SosPress(device, sequence, pressedAt, fix, 55);
    }

    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    void publish(UplinkMessage message) throws MqttException {
        publishRaw(Topics.uplink(message.deviceId(), message.type()), UplinkCodec.encodeBinary(message));
    }

    void publishRaw(String topic, byte[] payload) throws MqttException {
        publisher.publish(topic, payload, 1, false);
    }

    static String topic(DeviceId device, MessageType type) {
        return Topics.uplink(device, type);
    }

    long count(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long value = rows.getLong(1);
                connection.commit();
                return value;
            }
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + sql, e);
        }
    }

    long positionsOf(DeviceId device) {
        return count("SELECT count(*) FROM positions WHERE device_id = ?", device.imei());
    }

    double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Waits for a condition that the system under test makes true asynchronously. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Ends the broker sessions (ordinary and SOS) of a client id used in a test, so that the broker does not keep
     * them: an offline persistent member of a shared subscription would otherwise go on taking its turn of the
     * group's messages.
     */
    static void forgetSession(String clientId) throws MqttException {
        IngestConfig config = IngestConfig.fromProperties(Map.of(IngestConfig.CLIENT_ID, clientId,
                IngestConfig.CONNECTIONS, Integer.toString(CONNECTIONS)));
        for (String id : config.connectionClientIds()) {
            MqttClient client = new MqttClient(TestServices.mqttUrl(), id, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options);
            client.disconnect();
            client.close();
        }
    }

    @Override
    public void close() throws MqttException {
        publisher.disconnect();
        publisher.close();
        dataSource.close();
    }
}
