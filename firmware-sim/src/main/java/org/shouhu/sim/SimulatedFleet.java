package org.shouhu.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.DownlinkCommand;
import org.shouhu.protocol.LocateNow;
import org.shouhu.protocol.SetReportingInterval;
import org.shouhu.protocol.SosAcknowledged;
import org.shouhu.sim.internal.DeviceConnection;
import org.shouhu.sim.internal.DeviceRunner;
import org.shouhu.sim.internal.PublishStats;
import org.shouhu.sim.model.DeviceSimulation;
import org.shouhu.sim.model.ScheduledIntervention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated wristbands publishing over MQTT, each with its own Paho connection (client id = IMEI,
 * persistent session, QoS 1). One ticking thread steps every band to the settings' clock every tick and publishes
 * what it emits; the behaviour itself is the deterministic {@link DeviceSimulation}. Bands answer downlink commands:
 * {@code LocateNow} with a fresh report, {@code SetReportingInterval} by changing their interval, and
 * {@code SosAcknowledged} by telling the child help is coming (logged and counted, see {@link #helpComing}).
 * <p>
 * Thread-safe. Start with {@link #start}, stop with {@link #stop} (or close).
 */
public final class SimulatedFleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SOS_ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final int CONNECTS_IN_FLIGHT = 200;

    private final FleetSettings settings;
    private final Map<DeviceId, DeviceRunner> runners;  // filled once by start(), read-only afterwards
    private final Map<DeviceId, AtomicLong> helpComing = new ConcurrentHashMap<>();
    private final PublishStats stats = new PublishStats();
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private SimulatedFleet(FleetSettings settings) {
        this.settings = settings;
        this.runners = new LinkedHashMap<>();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fleet-ticker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects every band and starts publishing. Returns when all bands are connected.
     *
     * @throws BrokerException when a band cannot connect (all bands are then disconnected again)
     */
    public static SimulatedFleet start(FleetSettings settings) {
        SimulatedFleet fleet = new SimulatedFleet(Objects.requireNonNull(settings, "settings"));
        try {
            fleet.connectAll();
        } catch (RuntimeException e) {
            fleet.stop();
            throw e;
        }
        fleet.ticker.scheduleWithFixedDelay(fleet::tick, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        return fleet;
    }

    /** The bands in fleet order. */
    public List<DeviceId> devices() {
        return List.copyOf(runners.keySet());
    }

    /**
     * Presses SOS on a band, with the band's current fix, publishes it at once and returns when the broker
     * acknowledged it.
     *
     * @return the simulated instant of the press (the settings' clock), to measure press-to-delivery latency from
     * @throws IllegalArgumentException when the band is not in the fleet
     * @throws BrokerException          when the broker did not acknowledge the SOS within 10 s
     */
    public Instant pressSos(DeviceId device) {
        return press(device, true);
    }

    /** As {@link #pressSos}, for a band that has no position (indoors, no GNSS lock yet). */
    public Instant pressSosWithoutFix(DeviceId device) {
        return press(device, false);
    }

    /** How many times the band was told its SOS was acknowledged ("help is coming"). */
    public long helpComing(DeviceId device) {
        AtomicLong count = helpComing.get(device);
        return count == null ? 0 : count.get();
    }

    public PublishSummary summary() {
        int connected = 0;
        for (DeviceRunner runner : runners.values()) {
            connected += runner.connection().connected() ? 1 : 0;
        }
        return stats.summary(connected, runners.size());
    }

    /**
     * Stops stepping and disconnects every band, giving in-flight messages a few seconds to be acknowledged.
     * Idempotent.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        ticker.shutdown();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExecutorService closer = Executors.newFixedThreadPool(Math.max(1, Math.min(16, runners.size())));
        for (DeviceRunner runner : runners.values()) {
            closer.execute(() -> runner.connection().close(Duration.ofSeconds(3)));
        }
        closer.shutdown();
        try {
            closer.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Instant press(DeviceId device, boolean withFix) {
        DeviceRunner runner = runners.get(Objects.requireNonNull(device, "device"));
        if (runner == null) {
            throw new IllegalArgumentException("device " + device + " is not in this fleet");
        }
        Instant now = settings.clock().instant();
        runner.pressSos(now, withFix, SOS_ACK_TIMEOUT);
        return now;
    }

    private void tick() {
        try {
            Instant now = settings.clock().instant();
            for (DeviceRunner runner : runners.values()) {
                runner.stepTo(now);
            }
        } catch (RuntimeException e) {
            // A failing tick must not stop the ticker: the next one tries again.
            LOG.error("fleet tick failed", e);
        }
    }

    private void connectAll() {
        Map<DeviceId, DeviceConnection> connections = new LinkedHashMap<>();
        for (SimulatedDevice device : settings.devices()) {
            connections.put(device.id(),
                    new DeviceConnection(settings.brokerUrl(), device.id(), stats, this::onDownlink));
        }
        try {
            List<DeviceConnection> all = new ArrayList<>(connections.values());
            for (int from = 0; from < all.size(); from += CONNECTS_IN_FLIGHT) {
                List<DeviceConnection> window = all.subList(from, Math.min(all.size(), from + CONNECTS_IN_FLIGHT));
                List<IMqttToken> tokens = new ArrayList<>(window.size());
                for (DeviceConnection connection : window) {
                    tokens.add(connection.connectAsync());
                }
                for (int i = 0; i < window.size(); i++) {
                    awaitConnected(window.get(i), tokens.get(i));
                }
            }
        } finally {
            // Bands start living once all are connected, so that a slow start is not a burst of catch-up messages.
            Instant start = settings.clock().instant();
            for (SimulatedDevice device : settings.devices()) {
                List<ScheduledIntervention> script = settings.interventions().getOrDefault(device.id(), List.of());
                DeviceSimulation simulation = new DeviceSimulation(device.profile(), settings.seed(), start, script);
                runners.put(device.id(), new DeviceRunner(simulation, connections.get(device.id()), device.form(),
                        settings.listener()));
            }
        }
        LOG.info("{} simulated bands connected to {}", runners.size(), settings.brokerUrl());
    }

    private void awaitConnected(DeviceConnection connection, IMqttToken token) {
        try {
            token.waitForCompletion(CONNECT_TIMEOUT.toMillis());
        } catch (MqttException e) {
            boolean retriable = e.getReasonCode() != MqttException.REASON_CODE_INVALID_CLIENT_ID
                    && e.getReasonCode() != MqttException.REASON_CODE_NOT_AUTHORIZED
                    && e.getReasonCode() != MqttException.REASON_CODE_FAILED_AUTHENTICATION;
            throw new BrokerException(connection.device() + " could not connect to " + settings.brokerUrl() + ": "
                    + e.getMessage(), e, retriable);
        }
        connection.subscribeDownlink(CONNECT_TIMEOUT);
    }

    private void onDownlink(DeviceId device, DownlinkCommand command) {
        DeviceRunner runner = runners.get(device);
        if (runner == null) {
            return;
        }
        if (command instanceof SosAcknowledged ack) {
            helpComing.computeIfAbsent(device, d -> new AtomicLong()).incrementAndGet();
            LOG.info("{}: SOS {} acknowledged, help is coming", device, ack.sosSequence());
        } else if (command instanceof LocateNow) {
            runner.locateNow(settings.clock().instant());
        } else if (command instanceof SetReportingInterval interval) {
            runner.setReportingInterval(interval.interval());
        }
    }
}
