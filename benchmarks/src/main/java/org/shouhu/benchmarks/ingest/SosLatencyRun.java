package org.shouhu.benchmarks.ingest;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouhu.ingest.IngestConfig;
import org.shouhu.ingest.IngestVerticle;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.TelemetryListener;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.support.db.DatabaseSettings;
import org.shouhu.support.db.Databases;

/**
 * SOS latency under load: the publishers send position frames at a fixed rate (half of the measured maximum) while
 * one more connection, standing for the wristbands, presses SOS on distinct bands at {@code --sos-rate} per second.
 * Ingest hands each SOS to an {@link HttpSosHandler}, which posts it to the {@link PoliceReceiver}. A press's latency
 * runs from just before its PUBLISH to the police receiver's first sight of it: broker, the SOS connection, the
 * {@code sos_presses} row in the SOS path's own transaction, and one loopback HTTP request. Raising the alert and
 * building the CAP document are left out (the dispatch harness measures those).
 */
final class SosLatencyRun {

    /** Time for the position load to settle before the first press. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How long to wait, after the last press, for presses still on their way. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long FIRST_SOS_SEQUENCE = 1_000_000;
    /**
     * Presses before the measured ones, not counted: the first press after start pays for class loading, the JIT
     * and the first HTTP connection (up to a second on a loaded machine), and the presses behind it queue behind
     * that. The figure is about a running server.
     */
    private static final int WARM_UP_PRESSES = 10;
    private static final long WARM_UP_SEQUENCE = 2_000_000;

    private SosLatencyRun() {
    }

    /** What the run saw. Latencies are in nanoseconds, sorted; {@code missing} presses never reached the police. */
    record Result(double positionRate, double committedPerSecond, long[] latencies,
                  int missing) {

        double percentileMillis(double fraction) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(fraction * latencies.length) - 1;
            return latencies[Math.max(0, index)] / 1e6;
        }

        double maxMillis() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
        }

        @Override
        public String toString() {
            return String.format("SOS press to police at %,.0f positions/s offered (%,.0f/s committed): p50 %.1f ms, "
                            + "p99 %.1f ms, max %.1f ms (%d presses, %d missing; target p99 < 20 ms)", positionRate,
                    committedPerSecond, percentileMillis(0.50), percentileMillis(0.99), maxMillis(),
                    latencies.length + missing, missing);
        }
    }

    static Result run(BenchOptions options, double positionRate) throws Exception {
        ScratchDatabase.recreate(options);
        IngestConfig config = IngestRun.config(options);
        AtomicLong committed = new AtomicLong();
        TelemetryListener counter = new TelemetryListener() {
            @Override
            public void onPositions(List<StoredPosition> positions) {
                committed.addAndGet(positions.size());
            }
        };
        double pressSeconds = (double) options.sosPresses() / options.sosRate();
        int frameCount = (int) Math.ceil(positionRate * (pressSeconds + 3));
        PositionFrames frames = new PositionFrames(frameCount, options.devices(), 99);
        Vertx vertx = Vertx.vertx();
        DatabaseSettings settings = new DatabaseSettings(options.scratchJdbcUrl(), options.user(), "");
        try (GcPauses gc = new GcPauses();
             PoliceReceiver police = new PoliceReceiver();
             HikariDataSource pool = Databases.pool(settings, "ingest-bench-sos", config.databaseConnections());
             FramePublisher publisher = new FramePublisher(options.mqttUrl().toString(), options.publishers())) {
            HttpSosHandler handler = new HttpSosHandler(vertx, police.port(),
                    RunQueueWait.process(options.brokerPid()));
            IngestVerticle verticle = new IngestVerticle(config, pool, new SimpleMeterRegistry(), handler, counter,
                    Clock.systemUTC());
            String deployment = vertx.deployVerticle(verticle).await();
            MqttAsyncClient band = connectBand(options);
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread load = new Thread(() -> {
                try {
                    publisher.publishAtRate(frames, positionRate);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "bench-position-load");
            warmUp(options, band, police);
            long loadStart = System.nanoTime();
            load.start();
            long[][] waitedAtPublish = new long[options.sosPresses()][];
            long[] pressedNanos = press(options, band, loadStart + SETTLE_NANOS, handler, waitedAtPublish);
            long committedAtLastPress = committed.get();
            long lastPress = System.nanoTime();
            load.join();
            if (!failures.isEmpty()) {
                throw new IllegalStateException("position load failed", failures.get(0));
            }
            awaitArrivals(options, police, pressedNanos);
            System.out.print(stages(options, pressedNanos, waitedAtPublish, handler, police).report(gc, 5));
            band.disconnect().waitForCompletion(5_000);
            band.close();
            vertx.undeploy(deployment).await();
            return result(options, police, pressedNanos, positionRate,
                    committedAtLastPress / ((lastPress - loadStart) / 1e9));
        } finally {
            vertx.close().await();
            IngestRun.forgetSessions(options, config);
        }
    }

    private static MqttAsyncClient connectBand(BenchOptions options) throws Exception {
        MqttAsyncClient band = new MqttAsyncClient(options.mqttUrl().toString(),
                "bench-sos-band-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setCleanSession(true);
        band.connect(connect).waitForCompletion(10_000);
        return band;
    }

    /**
     * Presses SOS on distinct bands at the configured rate; returns when each was published (System.nanoTime), and
     * fills in how long the broker and the SOS event loop had waited for a core at that moment.
     */
    private static long[] press(BenchOptions options, MqttAsyncClient band, long firstAt, HttpSosHandler handler,
                                long[][] waitedAtPublish) throws Exception {
        Path broker = RunQueueWait.process(options.brokerPid());
        long[] pressedNanos = new long[options.sosPresses()];
        long interval = (long) (1e9 / options.sosRate());
        for (int i = 0; i < pressedNanos.length; i++) {
            long due = firstAt + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            DeviceId device = new DeviceId(PositionFrames.FIRST_IMEI + band(i, options.devices()));
            MqttMessage message = sosMessage(device, FIRST_SOS_SEQUENCE + i);
            waitedAtPublish[i] = new long[] {RunQueueWait.read(broker), RunQueueWait.read(handler.loopThread())};
            pressedNanos[i] = System.nanoTime();
            band.publish(Topics.uplink(device, MessageType.SOS), message);
        }
        return pressedNanos;
    }

    /** Presses SOS a few times, one after the other, before the position load starts. */
    private static void warmUp(BenchOptions options, MqttAsyncClient band, PoliceReceiver police) throws Exception {
        for (int i = 0; i < WARM_UP_PRESSES; i++) {
            DeviceId device = new DeviceId(PositionFrames.FIRST_IMEI + band(i, options.devices()));
            band.publish(Topics.uplink(device, MessageType.SOS), sosMessage(device, WARM_UP_SEQUENCE + i));
            long deadline = System.nanoTime() + DRAIN_NANOS;
            while (police.arrived(device.imei(), WARM_UP_SEQUENCE + i) == null && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        }
    }

    /** A press now, with a fix, as the band publishes it at QoS 1. */
    private static MqttMessage sosMessage(DeviceId device, long sequence) {
        Instant now = Instant.now();
        SosPress sos = new SosPress(device, sequence, now, new Fix(now, 27.3, 105.3, 8, FixSource.GNSS, 0.0, 0.0), 60);
        MqttMessage message = new MqttMessage(UplinkCodec.encodeBinary(sos));
        message.setQos(1);
        return message;
    }

    /** Spreads the presses over the fleet, each on a band of its own. */
    private static int band(int press, int devices) {
        return (int) ((press * 7_919L) % devices);
    }

    private static void awaitArrivals(BenchOptions options, PoliceReceiver police, long[] pressedNanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        for (int i = 0; i < pressedNanos.length; i++) {
            while (arrival(options, police, i) == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }

    private static Long arrival(BenchOptions options, PoliceReceiver police, int press) {
        return police.arrived(PositionFrames.FIRST_IMEI + band(press, options.devices()), FIRST_SOS_SEQUENCE + press);
    }

    /** The stages of each press; waits a little for the acknowledgements that follow the police's answers. */
    private static SosStages stages(BenchOptions options, long[] pressedNanos, long[][] waitedAtPublish,
                                    HttpSosHandler handler, PoliceReceiver police) throws InterruptedException {
        SosStages stages = new SosStages();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (int i = 0; i < pressedNanos.length; i++) {
            long imei = PositionFrames.FIRST_IMEI + band(i, options.devices());
            long sequence = FIRST_SOS_SEQUENCE + i;
            while (police.arrived(imei, sequence) != null && handler.timings(imei, sequence) == null
                    && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            stages.add(i, pressedNanos[i], handler.timings(imei, sequence), handler.requestSent(imei, sequence),
                    police.arrived(imei, sequence), waitedAtPublish[i], handler.waitedAtHandler(imei, sequence));
        }
        return stages;
    }

    private static Result result(BenchOptions options, PoliceReceiver police, long[] pressedNanos,
                                 double positionRate, double committedPerSecond) {
        List<Long> latencies = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < pressedNanos.length; i++) {
            Long arrived = arrival(options, police, i);
            if (arrived == null) {
                missing++;
            } else {
                latencies.add(arrived - pressedNanos[i]);
            }
        }
        if (Boolean.getBoolean("bench.sos.trace")) {
            System.out.println("SOS latencies in press order (ms): " + latencies.stream()
                    .map(n -> String.format("%.1f", n / 1e6)).toList());
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Result(positionRate, committedPerSecond, sorted, missing);
    }
}
