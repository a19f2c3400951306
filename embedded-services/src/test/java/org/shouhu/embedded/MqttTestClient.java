package org.shouhu.embedded;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A Paho MQTT 3.1.1 client that records the payloads it receives, for broker tests. */
final class MqttTestClient implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    private MqttTestClient(MqttClient client) {
        this.client = client;
    }

    static MqttTestClient connect(String url, String clientId, boolean cleanSession) throws MqttException {
        MqttTestClient testClient = new MqttTestClient(new MqttClient(url, clientId, new MemoryPersistence()));
        testClient.client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                testClient.received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        // Paho counts a QoS 1 publication as in flight a moment after its token completes; with its default limit
        // of 10, back-to-back synchronous publications on a loaded machine can hit "too many publishes in progress".
        options.setMaxInflight(1000);
        testClient.client.connect(options);
        return testClient;
    }

    void subscribe(String filter, int qos) throws MqttException {
        int[] granted = client.subscribeWithResponse(filter, qos).getGrantedQos();
        if (granted[0] != qos) {
            throw new IllegalStateException("broker granted QoS " + granted[0] + " for " + filter);
        }
    }

    void publish(String topic, String payload, int qos) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(qos);
        client.publish(topic, message);
    }

    /** Subscribes with QoS 1 and disconnects, leaving a persistent session behind when connected with one. */
    void subscribeAndClose(String filter) throws MqttException {
        try (this) {
            subscribe(filter, 1);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(5_000);
        }
        client.close();
    }
}
