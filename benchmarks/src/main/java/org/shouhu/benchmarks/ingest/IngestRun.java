package org.shouhu.benchmarks.ingest;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouhu.ingest.IngestConfig;
import org.shouhu.ingest.IngestVerticle;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.TelemetryListener;
import org.shouhu.support.db.DatabaseSettings;
import org.shouhu.support.db.Databases;

/**
 * The platform's end-to-end rate: the same publishers, an {@link IngestVerticle} subscribed through its shared
 * subscription, counting fixes as their batches commit (the listener is called after commit). The figure is
 * checked against {@code count(*)} of the positions table at the end.
 */
final class IngestRun {

    private IngestRun() {
    }

    static RunResult run(BenchOptions options, PositionFrames frames) throws Exception {
        ScratchDatabase.recreate(options);
        IngestConfig config = config(options);
        AtomicLong committed = new AtomicLong();
        AtomicLong lastNanos = new AtomicLong();
        TelemetryListener counter = new TelemetryListener() {
            @Override
            public void onPositions(List<StoredPosition> positions) {
                committed.addAndGet(positions.size());
                lastNanos.set(System.nanoTime());
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Vertx vertx = Vertx.vertx();
        DatabaseSettings settings = new DatabaseSettings(options.scratchJdbcUrl(), options.user(), "");
        try (HikariDataSource pool = Databases.pool(settings, "ingest-bench", config.databaseConnections() + 1);
             FramePublisher publisher = new FramePublisher(options.mqttUrl().toString(), options.publishers())) {
            IngestVerticle verticle = new IngestVerticle(config, pool, registry, sos -> Future.succeededFuture(),
                    counter, Clock.systemUTC());
            String deployment = vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            ProcessCpu.Reading cpuBefore = ProcessCpu.read(options.brokerPid(), pool, options.database());
            ThreadCpu.Reading threadsBefore = ThreadCpu.read();
            long start = System.nanoTime();
            publisher.publishAll(frames, committed::get, options.window());
            Progress.await(committed::get, frames.size(), "ingest");
            long nanos = lastNanos.get() - start;
            ProcessCpu.Reading cpu = ProcessCpu.read(options.brokerPid(), pool, options.database()).minus(cpuBefore);
            String threads = ThreadCpu.read().perMessage(threadsBefore, committed.get(), cpu.jvmNanos());
            vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            long rows = countRows(pool);
            return new RunResult("broker + ingest (committed fixes)", committed.get(), nanos,
                    "rows in table " + rows + ", " + batches(registry) + "; " + cpu.perThousand(committed.get()),
                    threads);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            forgetSessions(options, config);
        }
    }

    /** The ingest settings of the harness's runs, with a client id and share group of their own. */
    static IngestConfig config(BenchOptions options) {
        String clientId = "bench-ingest-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> properties = new HashMap<>();
        properties.put(IngestConfig.MQTT_URL, options.mqttUrl().toString());
        properties.put(IngestConfig.CLIENT_ID, clientId);
        properties.put(IngestConfig.SHARE_GROUP, clientId);
        properties.put(IngestConfig.BATCH_MAX_MESSAGES, Integer.toString(options.batch()));
        properties.put(IngestConfig.BATCH_LINGER, options.lingerMillis() + "ms");
        properties.put(IngestConfig.QUEUE_CAPACITY, Integer.toString(Math.max(20_000, options.batch() * 4)));
        properties.put(IngestConfig.CONNECTIONS, Integer.toString(options.connections()));
        properties.put(IngestConfig.WRITERS, Integer.toString(options.writers()));
        return IngestConfig.fromProperties(properties);
    }

    private static String batches(SimpleMeterRegistry registry) {
        DistributionSummary sizes = registry.find("shouhu.ingest.batch.size").summary();
        Timer commits = registry.find("shouhu.ingest.batch.commit").timer();
        if (sizes == null || commits == null) {
            return "no batch metrics";
        }
        return String.format("%d batches, mean %.0f msgs, mean commit %.1f ms, max %.1f ms", sizes.count(),
                sizes.mean(), commits.mean(TimeUnit.MILLISECONDS), commits.max(TimeUnit.MILLISECONDS));
    }

    static long countRows(HikariDataSource pool) throws Exception {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM positions")) {
            rows.next();
            long count = rows.getLong(1);
            connection.rollback();
            return count;
        }
    }

    /** Ends the persistent sessions of the run, so that the broker stops queueing for them. */
    static void forgetSessions(BenchOptions options, IngestConfig config) {
        for (String id : config.connectionClientIds()) {
            try {
                MqttClient client = new MqttClient(options.mqttUrl().toString(), id, new MemoryPersistence());
                MqttConnectOptions clean = new MqttConnectOptions();
                clean.setCleanSession(true);
                client.connect(clean);
                client.disconnect();
                client.close();
            } catch (Exception e) {
                System.err.println("could not end session " + id + ": " + e.getMessage());
            }
        }
    }
}
