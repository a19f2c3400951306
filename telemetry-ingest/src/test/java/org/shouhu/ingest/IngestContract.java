package org.shouhu.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.ingest.IngestFixture.await;
import static org.shouhu.ingest.IngestFixture.fixAt;
import static org.shouhu.ingest.IngestFixture.now;
import static org.shouhu.ingest.IngestFixture.position;
import static org.shouhu.ingest.IngestFixture.randomDevice;
import static org.shouhu.ingest.IngestFixture.sos;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.support.db.DatabaseFlavor;
import org.shouhu.support.db.DatabaseSettings;
import org.shouhu.support.db.Databases;

/**
 * What ingest promises on any PostgreSQL flavour and any MQTT 3.1.1 broker: the schema migrates once, wristband
 * traffic published at QoS 1 is committed once and answered by the same queries, a bad payload is dead-lettered, an
 * SOS is handed over, and old data is removed by the flavour's own retention mechanism. Each subclass supplies a
 * database and a broker: the local (or embedded) services, or containers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IngestContract {

    private HikariDataSource dataSource;
    private Vertx vertx;
    private MqttClient publisher;
    private IngestConfig config;
    private String deployment;
    private final List<SosReceived> sosCalls = new CopyOnWriteArrayList<>();

    /** A database of its own for this test class. */
    abstract DatabaseSettings database();

    /** The broker, {@code tcp://host:port}. */
    abstract String mqttUrl();

    /** Why the services of this class cannot run here (each test is then skipped with it), or null when they can. */
    String unavailableReason() {
        return null;
    }

    /** Starts what {@link #database()} and {@link #mqttUrl()} need; called first, only when they are available. */
    void startServices() {
    }

    /** Stops what {@link #startServices()} started; called last. */
    void stopServices() {
    }

    @BeforeAll
    void startIngest() throws Exception {
        if (unavailableReason() != null) {
            return;
        }
        startServices();
        dataSource = Databases.pool(database(), "ingest-contract", 4);
        vertx = Vertx.vertx();
        String clientId = "ingest-contract-" + UUID.randomUUID().toString().substring(0, 8);
        config = IngestConfig.fromProperties(Map.of(IngestConfig.MQTT_URL, mqttUrl(),
                IngestConfig.CLIENT_ID, clientId, IngestConfig.SHARE_GROUP, clientId,
                IngestConfig.CONNECTIONS, "2", IngestConfig.RECONNECT_MIN, "50ms"));
        IngestVerticle verticle = new IngestVerticle(config, dataSource, new SimpleMeterRegistry(), sos -> {
            sosCalls.add(sos);
            return Future.succeededFuture();
        }, TelemetryListener.NONE, Clock.systemUTC());
        deployment = vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        publisher = new MqttClient(mqttUrl(), "contract-pub-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        publisher.connect(options);
    }

    @AfterAll
    void stopIngest() throws Exception {
        if (publisher != null) {
            publisher.disconnect();
            publisher.close();
        }
        if (deployment != null) {
            vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (dataSource != null) {
            dataSource.close();
        }
        try {
            // End the persistent sessions, so that the broker stops giving them a turn of the shared traffic.
            for (String id : config == null ? List.<String>of() : config.connectionClientIds()) {
                forget(id);
            }
        } finally {
            if (unavailableReason() == null) {
                stopServices();
            }
        }
    }

    @BeforeEach
    void requireServices() {
        String reason = unavailableReason();
        Assumptions.assumeTrue(reason == null, reason);
    }

    private void forget(String id) throws Exception {
        MqttClient client = new MqttClient(mqttUrl(), id, new MemoryPersistence());
        MqttConnectOptions clean = new MqttConnectOptions();
        clean.setCleanSession(true);
        client.connect(clean);
        client.disconnect();
        client.close();
    }

    @Test
    void the_schema_is_current_after_start_up_and_migrating_again_changes_nothing() {
        assertThat(IngestSchema.migrate(dataSource)).isEmpty();
    }

    @Test
    void published_fixes_are_committed_once_and_answered_by_the_same_queries() throws Exception {
        DeviceId device = randomDevice();
        Instant t0 = now().minusSeconds(600);
        for (int sequence = 0; sequence < 20; sequence++) {
            publish(position(device, sequence, t0.plusSeconds(sequence * 30L)));
        }
        publish(position(device, 5, t0.plusSeconds(150))); // a wristband resending
        String topic = Topics.uplink(device, MessageType.POSITION);
        byte[] damaged = UplinkCodec.encodeBinary(position(device, 99, t0));
        damaged[damaged.length - 1] ^= 0x5A;
        publisher.publish(topic, damaged, 1, false);

        PositionQueries queries = new PositionQueries(dataSource);
        await("twenty fixes are committed", () -> count(queries, device, t0) == 20);
        assertThat(queries.latest(device)).hasValueSatisfying(f -> assertThat(f.sequence()).isEqualTo(19));
        assertThat(queries.track(device, t0.plusSeconds(60), t0.plusSeconds(120)))
                .extracting(StoredFix::sequence).containsExactly(2L, 3L); // [from, to)
        await("the damaged frame is dead-lettered with its bytes", () -> deadLetters(topic, damaged) == 1);
    }

    @Test
    void an_sos_is_handed_over_and_stored_once() throws Exception {
        DeviceId device = randomDevice();
        Instant pressed = now().minusSeconds(1);
        publish(sos(device, 1, pressed, fixAt(pressed, 27.3, 105.3)));

        await("the SOS is handed over", () -> sosCalls.stream().anyMatch(s -> s.device().equals(device)));
        await("the SOS is stored", () -> sosRows(device) == 1);
    }

    @Test
    void old_positions_are_removed_by_the_flavours_retention() throws Exception {
        DatabaseFlavor flavor;
        try (Connection connection = dataSource.getConnection()) {
            flavor = DatabaseFlavor.detect(connection);
            connection.rollback();
        }
        Instant now = Instant.now();
        List<IngestSchema.PartitionChange> changes = IngestSchema.maintainPartitions(dataSource, now, 2,
                Duration.ofDays(30));
        if (flavor == DatabaseFlavor.TIMESCALE) {
            assertThat(changes).as("TimescaleDB manages its chunks itself").isEmpty();
            assertThat(query("SELECT count(*) FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'positions' AND compression_enabled")).isEqualTo(1);
            assertThat(query("SELECT count(*) FROM timescaledb_information.jobs WHERE hypertable_name = 'positions'"
                    + " AND proc_name = 'policy_retention' AND (config->>'drop_after')::interval = '30 days'"))
                    .isEqualTo(1);
            assertThat(query("SELECT count(*) FROM timescaledb_information.jobs WHERE hypertable_name = 'positions'"
                    + " AND proc_name = 'policy_compression'")).isEqualTo(1);
        } else {
            assertThat(query("SELECT count(*) FROM pg_inherits WHERE inhparent = 'positions'::regclass"
                    + " AND inhrelid::regclass::text ~ '^positions_p[0-9]{8}$'")).isGreaterThanOrEqualTo(4);
            List<IngestSchema.PartitionChange> later = IngestSchema.maintainPartitions(dataSource,
                    now.plus(Duration.ofDays(40)), 2, Duration.ofDays(30));
            assertThat(later).extracting(IngestSchema.PartitionChange::action)
                    .contains(IngestSchema.PartitionChange.Action.DROPPED);
        }
    }

    private void publish(org.shouhu.protocol.UplinkMessage message) throws Exception {
        publisher.publish(Topics.uplink(message.deviceId(), message.type()), UplinkCodec.encodeBinary(message), 1,
                false);
    }

    private static long count(PositionQueries queries, DeviceId device, Instant from) {
        try {
            return queries.count(device, from, from.plusSeconds(3600));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private long sosRows(DeviceId device) {
        try {
            return query("SELECT count(*) FROM sos_presses WHERE device_id = " + device.imei());
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private long deadLetters(String topic, byte[] payload) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM dead_letters WHERE topic = ? AND payload = ?")) {
            statement.setString(1, topic);
            statement.setBytes(2, payload);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long n = rows.getLong(1);
                connection.rollback();
                return n;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private long query(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            long n = rows.getLong(1);
            connection.rollback();
            return n;
        }
    }
}
