package org.shouhu.sim.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.CloseFuture;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.shouhu.protocol.Topics;
import org.shouhu.sim.SimulatedDevice;

/**
 * One event loop's share of a load fleet: connects its bands at a bounded rate, then every tick steps only the bands
 * that are due (a priority queue on each band's next event time) and publishes what they emit. A band whose
 * connection drops reconnects after a jittered exponential backoff, through the same rate limit as the ramp. All
 * state is confined to the verticle's event loop.
 */
final class LoadShard extends VerticleBase {

    private record Due(Instant at, LoadBand band) {
    }

    private static final int CONNECTS_IN_FLIGHT = 500;
    private static final long PACING_MILLIS = 10;

    private final List<SimulatedDevice> devices;
    private final LoadSettings settings;
    /** Index in the whole fleet of this shard's first band. */
    private final int firstIndex;
    private final FleetCounters counters;
    private final AtomicBoolean publishing;
    private final ReconnectBackoff backoff;
    private final SplittableRandom jitter;
    private final Deque<SimulatedDevice> toConnect;
    private final Deque<LoadBand> toReconnect = new ArrayDeque<>();
    private final PriorityQueue<Due> schedule = new PriorityQueue<>(Comparator.comparing(Due::at));
    private final List<LoadBand> bands = new ArrayList<>();
    private ConnectRateLimiter limiter;
    private Promise<Void> allAttempted;
    /** Connections being opened, first ones and reconnections: at most {@link #CONNECTS_IN_FLIGHT}. */
    private int connecting;
    private int attempted;
    /** First connections not finished yet: the ramp is over when every band was attempted and none is open. */
    private int firstAttemptsOpen;
    private boolean stopping;

    LoadShard(List<SimulatedDevice> devices, int firstIndex, LoadSettings settings, FleetCounters counters,
              AtomicBoolean publishing, ReconnectBackoff backoff) {
        this.devices = devices;
        this.firstIndex = firstIndex;
        this.settings = settings;
        this.counters = counters;
        this.publishing = publishing;
        this.backoff = backoff;
        this.jitter = new SplittableRandom(settings.seed() ^ (0x5EC0_77EC_7L * (firstIndex + 1)));
        this.toConnect = new ArrayDeque<>(devices);
    }

    /** Completes once every band of the shard has tried to connect. */
    @Override
    public Future<?> start() {
        allAttempted = Promise.promise();
        if (devices.isEmpty()) {
            allAttempted.complete();
        }
        limiter = new ConnectRateLimiter((double) settings.connectsPerSecond() / settings.eventLoops(),
                System.nanoTime());
        vertx.setPeriodic(PACING_MILLIS, timer -> pace());
        vertx.setPeriodic(settings.tick().toMillis(), timer -> tick());
        return allAttempted.future();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        List<Future<Void>> disconnects = new ArrayList<>();
        for (LoadBand band : bands) {
            if (band.online() && band.client().isConnected()) {
                disconnects.add(band.client().disconnect());
            }
        }
        return Future.join(disconnects).otherwiseEmpty();
    }

    /** Starts as many connections, first the ramp's, then reconnections, as the rate and the in-flight cap allow. */
    private void pace() {
        long now = System.nanoTime();
        while (connecting < CONNECTS_IN_FLIGHT && !stopping
                && (!toConnect.isEmpty() || !toReconnect.isEmpty()) && limiter.tryAcquire(now)) {
            if (!toConnect.isEmpty()) {
                firstConnect(toConnect.poll());
            } else {
                reconnect(toReconnect.poll());
            }
        }
    }

    private void firstConnect(SimulatedDevice device) {
        LoadBand band = new LoadBand(device, firstIndex + attempted, counters.stats);
        attempted++;
        firstAttemptsOpen++;
        bands.add(band);
        open(band).onComplete(result -> {
            firstAttemptsOpen--;
            if (result.succeeded()) {
                counters.connected.incrementAndGet();
                band.startLiving(settings.seed(), settings.clock().instant());
                band.attach(result.result());
                reschedule(band);
            } else {
                counters.connectFailures.incrementAndGet();
            }
            if (attempted == devices.size() && firstAttemptsOpen == 0) {
                allAttempted.tryComplete();
            }
        });
    }

    private void reconnect(LoadBand band) {
        open(band).onComplete(result -> {
            if (stopping) {
                if (result.succeeded()) {
                    result.result().disconnect();
                }
            } else if (result.succeeded()) {
                counters.connected.incrementAndGet();
                counters.reconnects.incrementAndGet();
                counters.down.decrementAndGet();
                band.attach(result.result());
                band.connectionRestored(settings.clock().instant());
                reschedule(band);
            } else {
                band.reconnectFailed();
                retryLater(band);
            }
        });
    }

    /** Opens a connection for the band (CONNECT, then SUBSCRIBE to its downlinks); completes when it is usable. */
    private Future<MqttClient> open(LoadBand band) {
        connecting++;
        SimulatedDevice device = band.device();
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(device.id().toString())
                .setCleanSession(false)
                .setKeepAliveInterval(60)
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(1_000)
                .setAckTimeout(30);
        settings.sourceAddressFor(band.fleetIndex()).ifPresent(address -> {
            options.setLocalAddress(address);
            // Bound to an address with port 0, a socket gets its port from the kernel's search of the ephemeral
            // range; with SO_REUSEADDR (Vert.x's default) Linux searches only the odd ports of the lower half first
            // (about 7,000 per address), and once they are taken every bind scans them all, milliseconds of system
            // time on the event loop. Without it the first pass covers the odd ports of the whole range (about
            // 14,000). See docs/simulator.md, "Source ports".
            options.setReuseAddress(false);
        });
        LoadSettings.BrokerAddress broker = settings.brokerFor(band.fleetIndex());
        Promise<MqttClient> opened = Promise.promise();
        // The MQTT client makes a NetClient for every connection attempt and hands it to the close future of the
        // context it is created on, which keeps it until that context closes: on the verticle's context that is
        // about 1.3 KB per attempt for the whole run. A context of the attempt's own, on the same event loop, lets
        // it go with the connection.
        attemptContext().emit(v -> {
            MqttClient client = MqttClient.create(vertx, options);
            client.publishHandler(message -> counters.stats.downlink());
            client.closeHandler(closed -> closed(band, client));
            // The persistent session keeps the subscription over a reconnect, but a broker that lost its state
            // would not.
            client.connect(broker.port(), broker.host())
                    .compose(ack -> client.subscribe(Topics.downlinkFilter(device.id()), 1))
                    .map(granted -> client)
                    .onComplete(result -> {
                        if (result.failed() && client.isConnected()) {
                            client.disconnect();
                        }
                        opened.handle(result);
                    });
        });
        return opened.future().andThen(result -> {
            connecting--;
        });
    }

    private ContextInternal attemptContext() {
        ContextInternal shard = (ContextInternal) context;
        return ((VertxInternal) vertx).contextBuilder().withEventLoop(shard.nettyEventLoop())
                .withCloseFuture(new CloseFuture()).build();
    }

    private void closed(LoadBand band, MqttClient client) {
        if (band.client() != client || stopping) {
            return; // a connection that never became the band's, or the fleet's own disconnect at the end
        }
        counters.connected.decrementAndGet();
        counters.drops.incrementAndGet();
        counters.down.incrementAndGet();
        Instant now = settings.clock().instant();
        if (publishing.get()) {
            band.stepTo(now);
        }
        band.connectionLost(now);
        retryLater(band);
    }

    private void retryLater(LoadBand band) {
        long delay = Math.max(1, backoff.delay(band.failedReconnects(), jitter).toMillis());
        vertx.setTimer(delay, timer -> {
            if (!stopping) {
                toReconnect.add(band);
            }
        });
    }

    /** Puts the band in the schedule at its next event; an entry it had before becomes stale. */
    private void reschedule(LoadBand band) {
        Instant at = band.nextEventAt();
        band.scheduledAt(at);
        schedule.add(new Due(at, band));
    }

    private void tick() {
        if (!publishing.get()) {
            return;
        }
        Instant now = settings.clock().instant();
        while (!schedule.isEmpty() && !schedule.peek().at().isAfter(now)) {
            Due due = schedule.poll();
            if (!due.at().equals(due.band().scheduledAt())) {
                continue;
            }
            due.band().stepTo(now);
            reschedule(due.band());
        }
    }
}
