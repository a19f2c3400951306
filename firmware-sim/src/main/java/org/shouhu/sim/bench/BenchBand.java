package org.shouhu.sim.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.internal.PublishStats;

/**
 * One publisher of the harness: a band's MQTT connection that publishes position reports near the band's home on
 * demand, with increasing sequences and the current time, and SOS presses. Keeps its own in-flight count so the
 * driver can hold a fixed window per connection. Confined to its event loop; not thread-safe.
 */
final class BenchBand {

    private final SimulatedDevice device;
    private final MqttClient client;
    private final Clock clock;
    private final PublishStats stats;
    private final Deque<Long> inflightSince = new ArrayDeque<>();
    private Runnable afterAcknowledgement = () -> { };
    private long sequence;
    private long step;

    BenchBand(SimulatedDevice device, MqttClient client, Clock clock, PublishStats stats) {
        this.device = device;
        this.client = client;
        this.clock = clock;
        this.stats = stats;
        this.sequence = (clock.instant().getEpochSecond() * 10) & 0x7FFF_FFFFL;
        client.publishCompletionHandler(packetId -> acknowledged());
        client.publishCompletionExpirationHandler(packetId -> failed());
    }

    SimulatedDevice device() {
        return device;
    }

    MqttClient client() {
        return client;
    }

    /** Runs after every acknowledgement or failure, to refill a publishing window. */
    void afterAcknowledgement(Runnable action) {
        this.afterAcknowledgement = action;
    }

    int inflight() {
        return inflightSince.size();
    }

    /** Publishes one position report under {@code topicRoot} ("" for the platform's own topics). */
    void publishPosition(String topicRoot) {
        Instant now = clock.instant();
        step++;
        // A child pacing around the yard: a few metres of movement each report, always a valid GNSS fix.
        double north = (step % 40) * 2.5;
        double east = ((step / 40) % 40) * 2.5;
        var where = device.home().offsetMetres(north, east);
        Fix fix = new Fix(now, where.latitude(), where.longitude(), 8, FixSource.GNSS, 1.2, (step * 7) % 360);
        PositionReport report = new PositionReport(device.id(), nextSequence(), fix, 80);
        publish(topicRoot + Topics.uplink(device.id(), MessageType.POSITION), UplinkCodec.encodeBinary(report));
    }

    /** Publishes an SOS press with a fix at home, now. */
    SosPressed pressSos() {
        Instant now = clock.instant();
        long pressedNanos = System.nanoTime();
        Fix fix = new Fix(now, device.home().latitude(), device.home().longitude(), 10, FixSource.GNSS, 0.0, 0.0);
        SosPress press = new SosPress(device.id(), nextSequence(), now, fix, 70);
        publish(Topics.uplink(device.id(), MessageType.SOS), UplinkCodec.encodeBinary(press));
        return new SosPressed(pressedNanos, now);
    }

    private void publish(String topic, byte[] payload) {
        stats.sent();
        long startNanos = System.nanoTime();
        inflightSince.addLast(startNanos);
        client.publish(topic, Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, false)
                .onFailure(e -> failed());
    }

    /** PUBACKs of one connection arrive in publish order (MQTT 3.1.1 section 4.6), so the oldest start matches. */
    private void acknowledged() {
        Long since = inflightSince.pollFirst();
        stats.acknowledged(since == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since));
        afterAcknowledgement.run();
    }

    private void failed() {
        inflightSince.pollFirst();
        stats.failed();
        afterAcknowledgement.run();
    }

    private long nextSequence() {
        long value = sequence;
        sequence = (sequence + 1) & 0xFFFF_FFFFL;
        return value;
    }
}
