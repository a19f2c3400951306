package org.shouhu.sim.load;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkMessage;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.internal.PublishStats;
import org.shouhu.sim.model.DeviceSimulation;
import org.shouhu.sim.model.Emission;

/**
 * One band of a load fleet: its behaviour model and its current Vert.x MQTT connection, if it has one. When the
 * connection drops the band behaves as in a coverage gap (it keeps its fixes in its offline buffer) and keeps the
 * messages the broker had not acknowledged; on reconnect its persistent session resumes, the unacknowledged messages
 * go out again (DUP set, as MQTT asks of a client resuming a session) and the held fixes follow as the model sends
 * them on a return to coverage. Confined to its shard's event loop; not thread-safe.
 */
final class LoadBand {

    /** A message handed to the band's connection, or waiting for one. */
    private static final class Outgoing {
        final String topic;
        final Buffer payload;
        boolean handedBefore;
        long handedAtNanos;

        Outgoing(String topic, Buffer payload) {
            this.topic = topic;
            this.payload = payload;
        }
    }

    private final SimulatedDevice device;
    private final int fleetIndex;
    private final PublishStats stats;
    /** Sent on the current connection and not acknowledged yet, in sending order, by packet id. */
    private final Map<Integer, Outgoing> inflight = new LinkedHashMap<>();
    /** Waiting for a connection: unacknowledged when the last one dropped, or published while there was none. */
    private final Deque<Outgoing> outbox = new ArrayDeque<>();
    private DeviceSimulation simulation;
    private MqttClient client;
    private Instant scheduledAt;
    private int failedReconnects;

    LoadBand(SimulatedDevice device, int fleetIndex, PublishStats stats) {
        this.device = device;
        this.fleetIndex = fleetIndex;
        this.stats = stats;
    }

    SimulatedDevice device() {
        return device;
    }

    /** The band's index in the whole fleet, which decides its broker and source address. */
    int fleetIndex() {
        return fleetIndex;
    }

    /** The connection the band uses now; null while it has none. */
    MqttClient client() {
        return client;
    }

    boolean online() {
        return client != null;
    }

    /** The band starts living when its first connection is up. */
    void startLiving(long seed, Instant start) {
        simulation = new DeviceSimulation(device.profile(), seed, start, List.of());
    }

    boolean living() {
        return simulation != null;
    }

    Instant nextEventAt() {
        return simulation.nextEventAt();
    }

    /** The instant of the band's entry in its shard's schedule; entries with another instant are stale. */
    Instant scheduledAt() {
        return scheduledAt;
    }

    void scheduledAt(Instant at) {
        scheduledAt = at;
    }

    void stepTo(Instant now) {
        for (Emission emission : simulation.advanceTo(now)) {
            publish(emission.message());
        }
    }

    /** The band uses {@code connected} from now on and sends what waited for a connection, oldest first. */
    void attach(MqttClient connected) {
        client = connected;
        failedReconnects = 0;
        connected.publishCompletionHandler(packetId -> acknowledged(connected, packetId));
        connected.publishCompletionExpirationHandler(packetId -> expired(connected, packetId));
        while (!outbox.isEmpty() && client == connected) {
            send(outbox.poll());
        }
    }

    /**
     * The connection dropped at {@code now} (simulated time): what it had in flight waits for the next one, and the
     * band goes on as out of coverage. Callers step the band to {@code now} first, so that what was due waits too.
     */
    void connectionLost(Instant now) {
        MqttClient lost = client;
        client = null;
        if (lost != null) {
            lost.publishCompletionHandler(packetId -> { });
            lost.publishCompletionExpirationHandler(packetId -> { });
        }
        Deque<Outgoing> waiting = new ArrayDeque<>(inflight.values());
        inflight.clear();
        waiting.addAll(outbox);
        outbox.clear();
        outbox.addAll(waiting);
        simulation.linkLost(now);
    }

    /** The connection is back at {@code now} (simulated time): the band sends what it held at its next step. */
    void connectionRestored(Instant now) {
        simulation.linkRestored(now);
    }

    /** Reconnection attempts that failed since the band last had a connection. */
    int failedReconnects() {
        return failedReconnects;
    }

    void reconnectFailed() {
        failedReconnects++;
    }

    /** Messages waiting for a connection. */
    int waiting() {
        return outbox.size();
    }

    private void publish(UplinkMessage message) {
        stats.sent();
        Outgoing outgoing = new Outgoing(Topics.uplink(message.deviceId(), message.type()),
                Buffer.buffer(device.form().encode(message)));
        if (client == null || !client.isConnected()) {
            // Vert.x would fail inside its event loop instead of failing the returned future; the message waits.
            outbox.add(outgoing);
            return;
        }
        send(outgoing);
    }

    private void send(Outgoing outgoing) {
        MqttClient on = client;
        boolean duplicate = outgoing.handedBefore;
        outgoing.handedBefore = true;
        outgoing.handedAtNanos = System.nanoTime();
        on.publish(outgoing.topic, outgoing.payload, MqttQoS.AT_LEAST_ONCE, duplicate, false)
                .onSuccess(packetId -> {
                    if (on == client) {
                        inflight.put(packetId, outgoing);
                    } else {
                        requeue(outgoing);
                    }
                })
                .onFailure(e -> {
                    if (e instanceof MqttException || e instanceof IllegalArgumentException) {
                        stats.failed(); // the client refused the message itself (in-flight limit, topic)
                    } else if (on == client) {
                        // The write failed: the connection is going away under the message, which waits for the
                        // next one (the close is noticed after this, so isConnected() may still say true).
                        outbox.add(outgoing);
                    } else {
                        requeue(outgoing);
                    }
                });
    }

    private void requeue(Outgoing outgoing) {
        if (client != null && client.isConnected()) {
            send(outgoing);
        } else {
            outbox.add(outgoing);
        }
    }

    private void acknowledged(MqttClient on, int packetId) {
        Outgoing outgoing = on == client ? inflight.remove(packetId) : null;
        if (outgoing != null) {
            stats.acknowledged(Duration.ofNanos(System.nanoTime() - outgoing.handedAtNanos));
        }
    }

    private void expired(MqttClient on, int packetId) {
        if (on == client && inflight.remove(packetId) != null) {
            stats.failed();
        }
    }
}
