package org.shouhu.server.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.shouhu.alert.DeviceNotifier;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.DownlinkCodec;
import org.shouhu.protocol.DownlinkCommand;
import org.shouhu.protocol.SosAcknowledged;
import org.shouhu.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes downlink commands at QoS 1 and completes each future when the broker acknowledges it (PUBACK). The
 * wristband's persistent session keeps the command until the band is back in coverage. Reconnects by itself.
 * All methods are safe to call from any thread; callbacks run on the client's event loop.
 */
public final class MqttDownlink implements DeviceNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(MqttDownlink.class);

    private final Vertx vertx;
    private final URI broker;
    private final MqttClient client;
    private final Map<Integer, Promise<Void>> pending = new ConcurrentHashMap<>();
    private final AtomicLong commandIds = new AtomicLong(System.currentTimeMillis() & 0x7FFF_FFFFL);
    private volatile boolean stopped;

    public MqttDownlink(Vertx vertx, URI broker, String clientId) {
        this.vertx = vertx;
        this.broker = broker;
        this.client = MqttClient.create(vertx, new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(true)
                .setAckTimeout(10)
                .setMaxInflightQueue(1000)
                .setKeepAliveInterval(30));
        client.publishCompletionHandler(id -> complete(id, null));
        client.publishCompletionExpirationHandler(id -> complete(id, "no PUBACK from the broker in time"));
        client.closeHandler(closed -> {
            if (!stopped) {
                LOG.warn("downlink connection to {} lost; reconnecting", broker);
                reconnectLater(1000);
            }
        });
    }

    public Future<Void> start() {
        return client.connect(broker.getPort(), broker.getHost()).mapEmpty();
    }

    private void reconnectLater(long delayMillis) {
        vertx.setTimer(delayMillis, timer -> client.connect(broker.getPort(), broker.getHost())
                .onFailure(error -> {
                    if (!stopped) {
                        reconnectLater(Math.min(delayMillis * 2, 30_000));
                    }
                }));
    }

    private void complete(int messageId, String failure) {
        Promise<Void> promise = pending.remove(messageId);
        if (promise != null) {
            if (failure == null) {
                promise.tryComplete();
            } else {
                promise.tryFail(failure);
            }
        }
    }

    @Override
    public Future<Void> sosAcknowledged(DeviceId device, long sosSequence) {
        return send(new SosAcknowledged(device, nextCommandId(), sosSequence));
    }

    /** Publishes a command; the future succeeds on the broker's PUBACK. */
    public Future<Void> send(DownlinkCommand command) {
        if (!client.isConnected()) {
            return Future.failedFuture("downlink is not connected to " + broker);
        }
        Promise<Void> acknowledged = Promise.promise();
        return client.publish(Topics.downlink(command.deviceId(), command.type()),
                        Buffer.buffer(DownlinkCodec.encodeBinary(command)), MqttQoS.AT_LEAST_ONCE, false, false)
                .compose(messageId -> {
                    pending.put(messageId, acknowledged);
                    return acknowledged.future();
                });
    }

    private long nextCommandId() {
        return commandIds.getAndIncrement() & 0xFFFF_FFFFL;
    }

    public Future<Void> stop() {
        stopped = true;
        return client.isConnected() ? client.disconnect() : Future.succeededFuture();
    }
}
