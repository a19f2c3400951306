package org.shouhu.sim.internal;

import java.time.Duration;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.DownlinkCodec;
import org.shouhu.protocol.DownlinkCommand;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.Topics;
import org.shouhu.sim.BrokerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wristband's MQTT connection, as the firmware holds it: Eclipse Paho, client id = IMEI, persistent session
 * (clean session false) so QoS 1 messages and the downlink subscription survive reconnects, automatic reconnect, and
 * messages published while disconnected buffered in order. Publishes at QoS 1 and accounts for every message in
 * {@link PublishStats}. Thread-safe (Paho's async client is).
 */
public final class DeviceConnection implements AutoCloseable {

    /** What a device does with a downlink command; called on Paho's callback thread. */
    @FunctionalInterface
    public interface DownlinkHandler {
        void onDownlink(DeviceId device, DownlinkCommand command);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    private static final int QOS = 1;

    private final DeviceId device;
    private final MqttAsyncClient client;
    private final PublishStats stats;

    public DeviceConnection(String brokerUrl, DeviceId device, PublishStats stats, DownlinkHandler handler) {
        this.device = Objects.requireNonNull(device, "device");
        this.stats = Objects.requireNonNull(stats, "stats");
        try {
            this.client = new MqttAsyncClient(brokerUrl, device.toString(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new BrokerException("bad broker URL '" + brokerUrl + "': " + e.getMessage(), e, false);
        }
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(10_000);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
        client.setCallback(new Callback(handler));
    }

    public DeviceId device() {
        return device;
    }

    /** Starts connecting; the returned token completes when the broker accepted the connection. */
    public IMqttToken connectAsync() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(15);
        options.setMaxInflight(1_000);
        try {
            return client.connect(options);
        } catch (MqttException e) {
            throw new BrokerException(device + " could not start connecting: " + e.getMessage(), e, true);
        }
    }

    /** Subscribes to this device's downlink topic and waits for the broker's acknowledgement. */
    public void subscribeDownlink(Duration timeout) {
        try {
            client.subscribe(Topics.downlinkFilter(device), QOS).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new BrokerException(device + " could not subscribe to its downlink topic: " + e.getMessage(), e, true);
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    /**
     * Publishes at QoS 1 without waiting; the outcome is counted in the stats. While the connection is down the
     * message is buffered and sent on reconnect.
     *
     * @return the delivery token, complete when the broker acknowledged the message
     * @throws BrokerException when the client refuses the message (buffer full, client closed); already counted
     */
    public IMqttDeliveryToken publish(String topic, byte[] payload) {
        long startNanos = System.nanoTime();
        stats.sent();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        try {
            return client.publish(topic, message, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    stats.acknowledged(Duration.ofNanos(System.nanoTime() - startNanos));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    stats.failed();
                    LOG.warn("{}: publish to {} failed: {}", device, topic, failure.toString());
                }
            });
        } catch (MqttException e) {
            stats.failed();
            throw new BrokerException(device + ": publish to " + topic + " refused by the client: " + e.getMessage(),
                    e, e.getReasonCode() != MqttException.REASON_CODE_CLIENT_CLOSED);
        }
    }

    /**
     * Waits for the broker to acknowledge a published message.
     *
     * @throws BrokerException when it was not acknowledged within {@code timeout}
     */
    public void awaitAcknowledgement(IMqttDeliveryToken token, Duration timeout) {
        try {
            token.waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new BrokerException(device + ": no acknowledgement within " + timeout + ": " + e.getMessage(), e, true);
        }
        if (!token.isComplete()) {
            throw new BrokerException(device + ": no acknowledgement within " + timeout, null, true);
        }
    }

    /** Disconnects, giving in-flight messages up to {@code quiesce} to complete, and releases the client. */
    public void close(Duration quiesce) {
        try {
            if (client.isConnected()) {
                client.disconnect(quiesce.toMillis()).waitForCompletion(quiesce.toMillis() + 5_000);
            }
        } catch (MqttException e) {
            LOG.debug("{}: disconnect: {}", device, e.toString());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("{}: close: {}", device, e.toString());
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private final class Callback implements MqttCallbackExtended {
        private final DownlinkHandler handler;

        Callback(DownlinkHandler handler) {
            this.handler = handler;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            try {
                // The persistent session keeps the subscription, but a broker that lost its state would not.
                client.subscribe(Topics.downlinkFilter(device), QOS);
            } catch (MqttException e) {
                LOG.warn("{}: could not subscribe to its downlink topic: {}", device, e.toString());
            }
            if (reconnect) {
                LOG.info("{}: reconnected to {}", device, serverUri);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.info("{}: connection lost ({}); reconnecting", device, cause == null ? "no cause" : cause.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                handler.onDownlink(device, DownlinkCodec.decode(topic, message.getPayload()));
            } catch (ProtocolException e) {
                LOG.warn("{}: ignoring an undecodable downlink on {}: {}", device, topic, e.getMessage());
            } catch (RuntimeException e) {
                // An exception here would make Paho drop the connection; a band ignores a command it cannot handle.
                LOG.warn("{}: could not handle downlink on {}: {}", device, topic, e.toString());
            }
            stats.downlink();
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Accounted for by the per-message listener.
        }
    }
}
