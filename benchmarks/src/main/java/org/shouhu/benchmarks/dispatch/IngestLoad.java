package org.shouhu.benchmarks.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouhu.ingest.IngestConfig;
import org.shouhu.ingest.IngestSchema;
import org.shouhu.ingest.IngestVerticle;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.TelemetryListener;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.support.db.DatabaseSettings;
import org.shouhu.support.db.Databases;

/**
 * Telemetry load in the dispatch harness's database while it measures: the real {@link IngestVerticle} (its own
 * pool, batch writers and binary COPY into {@code positions}) subscribed to a private Mosquitto on a free loopback
 * port, fed at a steady rate by a publisher of binary position frames from {@value #DEVICES} wristbands, as the
 * fleet simulator sends them. The broker is private so that no other subscriber of a shared broker receives the
 * frames. Counts fixes as their batches commit. Not thread-safe apart from {@link #committed()}.
 */
final class IngestLoad implements AutoCloseable {

    private static final int DEVICES = 10_000;
    private static final long FIRST_IMEI = 869_000_000_000_000L;

    private final Process broker;
    private final Path brokerConfig;
    private final HikariDataSource pool;
    private final Vertx vertx = Vertx.vertx();
    private final MqttAsyncClient publisher;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Thread pacer;
    private volatile boolean running = true;

    private IngestLoad(DispatchBenchOptions options, int perSecond) throws Exception {
        int port = freePort();
        brokerConfig = Files.createTempFile("dispatch-bench-mosquitto", ".conf");
        Files.writeString(brokerConfig, "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + "max_queued_messages 100000\npersistence false\n");
        brokerConfig.toFile().deleteOnExit();
        broker = new ProcessBuilder("mosquitto", "-c", brokerConfig.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // A harness stopped by a signal (a timeout) must not leave its private broker running.
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "dispatch-bench-broker-stop"));
        try {
            awaitPort(port);
        } catch (RuntimeException | InterruptedException e) {
            broker.destroy();
            throw e;
        }
        String url = "tcp://127.0.0.1:" + port;
        String clientId = "dispatch-bench-ingest-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> properties = new HashMap<>();
        properties.put(IngestConfig.MQTT_URL, url);
        properties.put(IngestConfig.CLIENT_ID, clientId);
        properties.put(IngestConfig.SHARE_GROUP, clientId);
        IngestConfig config = IngestConfig.fromProperties(properties);
        pool = Databases.pool(new DatabaseSettings(options.scratchJdbcUrl(), options.user(), ""), "ingest-load",
                config.databaseConnections() + 1);
        IngestSchema.migrate(pool);
        IngestSchema.maintainPartitions(pool, Instant.now(), config);
        TelemetryListener counter = new TelemetryListener() {
            @Override
            public void onPositions(List<StoredPosition> positions) {
                committed.addAndGet(positions.size());
            }
        };
        vertx.deployVerticle(new IngestVerticle(config, pool, new SimpleMeterRegistry(),
                sos -> Future.succeededFuture(), counter, Clock.systemUTC()))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        publisher = new MqttAsyncClient(url, clientId + "-publisher", new MemoryPersistence());
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setCleanSession(true);
        connect.setMaxInflight(65_535);
        publisher.connect(connect).waitForCompletion(10_000);
        pacer = new Thread(() -> pace(perSecond), "dispatch-bench-ingest-publisher");
        pacer.setDaemon(true);
        pacer.start();
    }

    /** Starts the broker, the ingest verticle and the publisher; returns once fixes flow. */
    static IngestLoad start(DispatchBenchOptions options, int perSecond) throws Exception {
        IngestLoad load = new IngestLoad(options, perSecond);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (load.committed() == 0) {
            if (System.nanoTime() > deadline) {
                load.close();
                throw new IllegalStateException("no fix committed within 30 s of starting the ingest load");
            }
            Thread.sleep(50);
        }
        return load;
    }

    /** Fixes committed to {@code positions} so far. */
    long committed() {
        return committed.get();
    }

    /** Publishes {@code perSecond} frames a second in one-millisecond ticks, open loop (never waits for ingest). */
    private void pace(int perSecond) {
        SplittableRandom random = new SplittableRandom(7);
        long start = System.nanoTime();
        long sequence = 0;
        while (running) {
            long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
            while (published.get() < due && running) {
                long i = published.getAndIncrement();
                int device = (int) (i % DEVICES);
                if (device == 0) {
                    sequence++;
                }
                DeviceId id = new DeviceId(FIRST_IMEI + device);
                Fix fix = new Fix(Instant.now(), 27.3 + random.nextDouble(-0.9, 0.9),
                        105.3 + random.nextDouble(-1.0, 1.0), 5 + random.nextInt(30), FixSource.GNSS,
                        random.nextDouble(0, 2.0), random.nextDouble(0, 359.0));
                try {
                    publisher.publish(Topics.uplink(id, MessageType.POSITION),
                            UplinkCodec.encodeBinary(new PositionReport(id, sequence, fix, 20 + random.nextInt(80))),
                            1, false);
                } catch (MqttException e) {
                    // Too many in flight: the broker is behind; the tick retries the frame.
                    published.decrementAndGet();
                    break;
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        if (pacer != null) {
            pacer.join(5_000);
        }
        try {
            if (publisher != null) {
                publisher.disconnect().waitForCompletion(5_000);
                publisher.close();
            }
        } catch (MqttException e) {
            System.err.println("ingest load publisher did not close cleanly: " + e.getMessage());
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        pool.close();
        broker.destroy();
        broker.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(brokerConfig);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("private mosquitto did not listen on " + port);
                }
                Thread.sleep(50);
            }
        }
    }
}
