package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.protocol.UplinkMessage;

/**
 * A plain Paho subscriber standing in for the platform: receives the uplinks of some devices, in arrival order, and
 * decodes them with the real codec (times checked against a clock far in the future, so simulated days in the past
 * or future all pass).
 */
final class UplinkCapture implements AutoCloseable {

    record Received(String topic, byte[] payload, UplinkMessage message) {
    }

    private static final UplinkCodec CODEC = new UplinkCodec(Clock.systemUTC(), Duration.ofDays(3650));

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> undecodable = new CopyOnWriteArrayList<>();

    UplinkCapture(String brokerUrl, Collection<DeviceId> devices) throws MqttException {
        client = new MqttClient(brokerUrl, "capture-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        for (DeviceId device : devices) {
            client.subscribe(Topics.PREFIX + device + "/up/+", 1, this::arrived);
        }
    }

    private UplinkCapture(String brokerUrl, Collection<DeviceId> devices, String clientId) throws MqttException {
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // Paho reconnects; the session is the broker's.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(1_000);
        client.connect(options);
        for (DeviceId device : devices) {
            client.subscribe(Topics.PREFIX + device + "/up/+", 1);
        }
    }

    /**
     * A capture with a persistent session that reconnects by itself: with a broker that keeps its sessions over a
     * restart, it receives what was published while the broker was down for it.
     */
    static UplinkCapture resuming(String brokerUrl, Collection<DeviceId> devices) throws MqttException {
        return new UplinkCapture(brokerUrl, devices, "capture-" + UUID.randomUUID());
    }

    private void arrived(String topic, MqttMessage message) {
        try {
            received.add(new Received(topic, message.getPayload(), CODEC.decode(topic, message.getPayload())));
        } catch (ProtocolException e) {
            undecodable.add(topic + ": " + e.getMessage());
        }
    }

    /** Waits until at least {@code count} decoded messages match, and returns all that match. */
    List<Received> await(Predicate<Received> filter, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> matching = matching(filter);
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(20);
        }
        List<Received> matching = matching(filter);
        assertThat(matching).as("messages received within 20 s (undecodable: %s)", undecodable).hasSizeGreaterThanOrEqualTo(count);
        return matching;
    }

    List<Received> matching(Predicate<Received> filter) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (filter.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    List<String> undecodable() {
        return List.copyOf(undecodable);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
