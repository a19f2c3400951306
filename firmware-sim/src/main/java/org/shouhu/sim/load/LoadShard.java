package org.shouhu.sim.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.shouhu.protocol.Topics;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.internal.PublishStats;

/**
 * One event loop's share of a load fleet: connects its bands at a bounded rate, then every tick steps only the bands
 * that are due (a priority queue on each band's next event time) and publishes what they emit. All state is confined
 * to the verticle's event loop.
 */
final class LoadShard extends VerticleBase {

    private record Due(Instant at, LoadBand band) {
    }

    private static final int CONNECTS_IN_FLIGHT = 500;

    private final List<SimulatedDevice> devices;
    private final LoadSettings settings;
    /** Index in the whole fleet of this shard's first band. */
    private final int firstIndex;
    private final PublishStats stats;
    private final AtomicInteger connected;
    private final AtomicInteger connectFailures;
    private final AtomicBoolean publishing;
    private final Deque<SimulatedDevice> toConnect;
    private final PriorityQueue<Due> schedule = new PriorityQueue<>(Comparator.comparing(Due::at));
    private final List<LoadBand> bands = new java.util.ArrayList<>();
    private final double connectsPerMillisecond;
    private Promise<Void> allAttempted;
    private int connecting;
    private int attempted;

    LoadShard(List<SimulatedDevice> devices, int firstIndex, LoadSettings settings, PublishStats stats,
              AtomicInteger connected, AtomicInteger connectFailures, AtomicBoolean publishing) {
        this.devices = devices;
        this.firstIndex = firstIndex;
        this.settings = settings;
        this.stats = stats;
        this.connected = connected;
        this.connectFailures = connectFailures;
        this.publishing = publishing;
        this.toConnect = new ArrayDeque<>(devices);
        this.connectsPerMillisecond = settings.connectsPerSecond() / 1000.0 / settings.eventLoops();
    }

    /** Completes once every band of the shard has tried to connect. */
    @Override
    public Future<?> start() {
        allAttempted = Promise.promise();
        if (devices.isEmpty()) {
            allAttempted.complete();
        } else {
            long startedAt = System.nanoTime();
            vertx.setPeriodic(10, timer -> {
                double elapsedMillis = (System.nanoTime() - startedAt) / 1e6;
                int allowed = (int) Math.ceil(elapsedMillis * connectsPerMillisecond) - attempted;
                while (allowed-- > 0 && connecting < CONNECTS_IN_FLIGHT && !toConnect.isEmpty()) {
                    connect(toConnect.poll());
                }
                if (toConnect.isEmpty()) {
                    vertx.cancelTimer(timer);
                }
            });
        }
        vertx.setPeriodic(settings.tick().toMillis(), timer -> tick());
        return allAttempted.future();
    }

    @Override
    public Future<?> stop() {
        List<Future<Void>> disconnects = new java.util.ArrayList<>();
        for (LoadBand band : bands) {
            if (band.client().isConnected()) {
                disconnects.add(band.client().disconnect());
            }
        }
        return Future.join(disconnects).otherwiseEmpty();
    }

    private void connect(SimulatedDevice device) {
        int index = firstIndex + attempted;
        attempted++;
        connecting++;
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(device.id().toString())
                .setCleanSession(false)
                .setKeepAliveInterval(60)
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(1_000)
                .setAckTimeout(30);
        settings.sourceAddressFor(index).ifPresent(address -> {
            options.setLocalAddress(address);
            // Bound to an address with port 0, a socket gets its port from the kernel's search of the ephemeral
            // range; with SO_REUSEADDR (Vert.x's default) Linux searches only the odd ports of the lower half first
            // (about 7,000 per address), and once they are taken every bind scans them all, milliseconds of system
            // time on the event loop. Without it the first pass covers the odd ports of the whole range (about
            // 14,000). See docs/simulator.md, "Source ports".
            options.setReuseAddress(false);
        });
        LoadSettings.BrokerAddress broker = settings.brokerFor(index);
        MqttClient client = MqttClient.create(vertx, options);
        LoadBand band = new LoadBand(device, client, stats);
        bands.add(band);
        client.publishHandler(message -> stats.downlink());
        client.closeHandler(v -> {
            if (band.living()) {
                connected.decrementAndGet();
            }
        });
        client.connect(broker.port(), broker.host())
                .compose(ack -> client.subscribe(Topics.downlinkFilter(device.id()), 1))
                .onComplete(result -> {
                    connecting--;
                    if (result.succeeded()) {
                        connected.incrementAndGet();
                        band.startLiving(settings.seed(), settings.clock().instant());
                        schedule.add(new Due(band.nextEventAt(), band));
                    } else {
                        connectFailures.incrementAndGet();
                    }
                    if (attempted == devices.size() && connecting == 0) {
                        allAttempted.tryComplete();
                    }
                });
    }

    private void tick() {
        if (!publishing.get()) {
            return;
        }
        Instant now = settings.clock().instant();
        while (!schedule.isEmpty() && !schedule.peek().at().isAfter(now)) {
            LoadBand band = schedule.poll().band();
            band.stepTo(now);
            schedule.add(new Due(band.nextEventAt(), band));
        }
    }
}
