package org.shouhu.sim.record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.BrokerException;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.internal.DeviceConnection;
import org.shouhu.sim.internal.PublishStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes recorded messages again, byte for byte, each from its own device's connection (client id = IMEI,
 * persistent session, QoS 1), keeping the recorded spacing divided by {@code speed}: 1 is real time, 60 turns an
 * hour into a minute, 0 publishes as fast as the broker acknowledges. Downlinks received during a replay are
 * ignored (a recording cannot answer them). One replay per instance; {@link #summary()} may be called from any
 * thread while {@link #replay} runs.
 */
public final class Replayer {

    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String brokerUrl;
    private final double speed;
    private final Clock clock;
    private final PublishStats stats = new PublishStats();
    private final Map<DeviceId, DeviceConnection> connections = new LinkedHashMap<>();

    /**
     * @param speed acceleration factor, &gt; 0, or 0 for as fast as possible
     * @param clock the real clock that paces the replay
     */
    public Replayer(String brokerUrl, double speed, Clock clock) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(speed >= 0 && speed <= 1_000_000)) {
            throw new IllegalArgumentException("replay speed must be 0 (unpaced) or in (0, 1000000]: " + speed);
        }
        this.speed = speed;
    }

    /**
     * Replays the messages in order and waits until the broker acknowledged them all (or 30 s passed).
     *
     * @return what was published
     * @throws BrokerException      when a device cannot connect
     * @throws InterruptedException when interrupted while pacing; devices are disconnected
     */
    public PublishSummary replay(List<RecordedMessage> messages) throws InterruptedException {
        List<IMqttDeliveryToken> tokens = new ArrayList<>(messages.size());
        try {
            if (!messages.isEmpty()) {
                Instant recordedStart = messages.get(0).at();
                Instant realStart = clock.instant();
                for (RecordedMessage message : messages) {
                    pace(recordedStart, realStart, message.at());
                    try {
                        tokens.add(connection(message.device()).publish(message.topic(), message.payload()));
                    } catch (BrokerException e) {
                        LOG.warn("{}", e.getMessage());
                    }
                }
            }
            awaitAcknowledgements(tokens);
        } finally {
            connections.values().forEach(DeviceConnection::close);
        }
        return summary();
    }

    public PublishSummary summary() {
        synchronized (connections) {
            int connected = (int) connections.values().stream().filter(DeviceConnection::connected).count();
            return stats.summary(connected, connections.size());
        }
    }

    private void pace(Instant recordedStart, Instant realStart, Instant recordedAt) throws InterruptedException {
        if (speed == 0) {
            return;
        }
        long offsetNanos = (long) (Duration.between(recordedStart, recordedAt).toNanos() / speed);
        Instant due = realStart.plusNanos(Math.max(0, offsetNanos));
        for (Duration wait = Duration.between(clock.instant(), due); wait.toMillis() > 0;
             wait = Duration.between(clock.instant(), due)) {
            Thread.sleep(Math.min(wait.toMillis(), 100));
        }
    }

    private DeviceConnection connection(DeviceId device) {
        synchronized (connections) {
            DeviceConnection existing = connections.get(device);
            if (existing != null) {
                return existing;
            }
            DeviceConnection created = new DeviceConnection(brokerUrl, device, stats, (d, command) ->
                    LOG.debug("{}: ignoring downlink {} during replay", d, command.type()));
            connections.put(device, created);
            try {
                created.connectAsync().waitForCompletion(CONNECT_TIMEOUT.toMillis());
            } catch (MqttException e) {
                throw new BrokerException(device + " could not connect to " + brokerUrl + ": " + e.getMessage(), e, true);
            }
            return created;
        }
    }

    private void awaitAcknowledgements(List<IMqttDeliveryToken> tokens) {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        for (IMqttDeliveryToken token : tokens) {
            long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                token.waitForCompletion(remainingMillis);
            } catch (MqttException e) {
                LOG.warn("a replayed message was not acknowledged: {}", e.toString());
            }
        }
    }
}
