package org.shouhu.sim.load;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkMessage;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.internal.PublishStats;
import org.shouhu.sim.model.DeviceSimulation;
import org.shouhu.sim.model.Emission;

/**
 * One band of a load fleet: its behaviour model and its Vert.x MQTT connection. Confined to its shard's event loop;
 * not thread-safe.
 */
final class LoadBand {

    private final SimulatedDevice device;
    private final MqttClient client;
    private final PublishStats stats;
    private final Map<Integer, Long> inflightSince = new HashMap<>();
    private DeviceSimulation simulation;

    LoadBand(SimulatedDevice device, MqttClient client, PublishStats stats) {
        this.device = device;
        this.client = client;
        this.stats = stats;
        client.publishCompletionHandler(this::acknowledged);
        client.publishCompletionExpirationHandler(this::expired);
    }

    SimulatedDevice device() {
        return device;
    }

    MqttClient client() {
        return client;
    }

    /** The band starts living when its connection is up. */
    void startLiving(long seed, Instant start) {
        simulation = new DeviceSimulation(device.profile(), seed, start, java.util.List.of());
    }

    boolean living() {
        return simulation != null;
    }

    Instant nextEventAt() {
        return simulation.nextEventAt();
    }

    void stepTo(Instant now) {
        for (Emission emission : simulation.advanceTo(now)) {
            publish(emission.message());
        }
    }

    private void publish(UplinkMessage message) {
        long startNanos = System.nanoTime();
        stats.sent();
        if (!client.isConnected()) {
            // The connection was lost (the load fleet does not reconnect): the message is lost, and counted so.
            // Vert.x would otherwise fail inside its event loop instead of failing the returned future.
            stats.failed();
            return;
        }
        client.publish(Topics.uplink(message.deviceId(), message.type()), Buffer.buffer(device.form().encode(message)),
                        MqttQoS.AT_LEAST_ONCE, false, false)
                .onSuccess(packetId -> inflightSince.put(packetId, startNanos))
                .onFailure(e -> stats.failed());
    }

    private void acknowledged(int packetId) {
        Long since = inflightSince.remove(packetId);
        stats.acknowledged(since == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since));
    }

    private void expired(int packetId) {
        inflightSince.remove(packetId);
        stats.failed();
    }
}
