package org.shouhu.sim.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.internal.PublishStats;

/**
 * One event loop's share of the harness's publishers: connects its bands (clean sessions, QoS 1) at a bounded rate,
 * then publishes at its share of the current {@link Load}. A fixed rate is paced by a 1 ms timer, round-robin over
 * the bands with room in their window; flat out, each acknowledgement triggers the next publish on its connection.
 * All state is confined to the verticle's event loop.
 */
final class BenchShard extends VerticleBase {

    private static final int CONNECTS_IN_FLIGHT = 200;

    private final List<SimulatedDevice> devices;
    private final int firstIndex;
    private final BenchSettings settings;
    private final Clock clock;
    private final PublishStats stats;
    private final AtomicInteger connected;
    private final List<BenchBand> bands = new ArrayList<>();
    private final BenchBand[] byIndex;
    private final double share;
    private Load load = Load.IDLE;
    private long loadSince;
    private long publishedInLoad;
    private int cursor;

    BenchShard(List<SimulatedDevice> devices, int firstIndex, BenchSettings settings, Clock clock, PublishStats stats,
               AtomicInteger connected, int shards) {
        this.devices = devices;
        this.firstIndex = firstIndex;
        this.settings = settings;
        this.clock = clock;
        this.stats = stats;
        this.connected = connected;
        this.share = 1.0 / shards;
        this.byIndex = new BenchBand[devices.size()];
    }

    /** Completes once every band is connected; fails on the first band that cannot connect. */
    @Override
    public Future<?> start() {
        Promise<Void> done = Promise.promise();
        connectFrom(0, done);
        vertx.setPeriodic(1, timer -> paced());
        return done.future();
    }

    private void connectFrom(int next, Promise<Void> done) {
        if (next >= devices.size()) {
            done.tryComplete();
            return;
        }
        int end = Math.min(devices.size(), next + CONNECTS_IN_FLIGHT);
        List<Future<?>> wave = new ArrayList<>();
        for (int i = next; i < end; i++) {
            wave.add(connect(devices.get(i), firstIndex + i));
        }
        Future.all(wave).onComplete(result -> {
            if (result.failed()) {
                done.tryFail(result.cause());
            } else {
                connectFrom(end, done);
            }
        });
    }

    private Future<?> connect(SimulatedDevice device, int index) {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(device.id().toString())
                .setCleanSession(true)
                .setKeepAliveInterval(60)
                .setMaxInflightQueue(1_000)
                .setAckTimeout(60);
        List<String> sources = settings.sourceAddresses();
        if (!sources.isEmpty()) {
            options.setLocalAddress(sources.get(index % sources.size()));
        }
        MqttClient client = MqttClient.create(vertx, options);
        BenchBand band = new BenchBand(device, client, clock, stats);
        band.afterAcknowledgement(() -> refill(band));
        return client.connect(settings.port(), settings.host()).onSuccess(ack -> {
            bands.add(band);
            byIndex[index - firstIndex] = band;
            connected.incrementAndGet();
        }).recover(e -> Future.failedFuture(new IllegalStateException(
                "band " + device.id() + " could not connect: " + e.getMessage(), e)));
    }

    /** Switches this shard to another load. */
    void drive(Load next) {
        context.runOnContext(v -> {
            load = next;
            loadSince = System.nanoTime();
            publishedInLoad = 0;
            if (next.flatOut()) {
                // One message per band to start; each acknowledgement then tops its band up to the window, so the
                // event loop is never stuck in one burst of bands x window publishes.
                for (BenchBand band : bands) {
                    if (band.inflight() == 0) {
                        band.publishPosition(next.topicRoot());
                    }
                }
            }
        });
    }

    /** Presses SOS on one of this shard's bands. */
    Future<SosPressed> pressSos(int bandIndex) {
        Promise<SosPressed> pressed = Promise.promise();
        context.runOnContext(v -> pressed.complete(byIndex[bandIndex - firstIndex].pressSos()));
        return pressed.future();
    }

    boolean holds(int bandIndex) {
        return bandIndex >= firstIndex && bandIndex < firstIndex + devices.size();
    }

    private void refill(BenchBand band) {
        if (load.flatOut()) {
            while (band.inflight() < load.window()) {
                band.publishPosition(load.topicRoot());
            }
        }
    }

    private void paced() {
        if (load.flatOut() || load.perSecond() == 0 || bands.isEmpty()) {
            return;
        }
        double elapsedSeconds = (System.nanoTime() - loadSince) / 1e9;
        long due = (long) (elapsedSeconds * load.perSecond() * share) - publishedInLoad;
        for (int tried = 0; due > 0 && tried < bands.size(); ) {
            BenchBand band = bands.get(cursor);
            cursor = (cursor + 1) % bands.size();
            if (band.inflight() < load.window()) {
                band.publishPosition(load.topicRoot());
                publishedInLoad++;
                due--;
                tried = 0;
            } else {
                tried++;
            }
        }
    }

    @Override
    public Future<?> stop() {
        List<Future<Void>> disconnects = new ArrayList<>();
        for (BenchBand band : bands) {
            if (band.client().isConnected()) {
                disconnects.add(band.client().disconnect());
            }
        }
        return Future.join(disconnects).otherwiseEmpty();
    }
}
