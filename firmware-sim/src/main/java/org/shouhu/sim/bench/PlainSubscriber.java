package org.shouhu.sim.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.shouhu.protocol.Topics;
import org.shouhu.sim.BrokerException;

/**
 * The broker-only measurement's receiving end: a few plain MQTT connections in one shared-subscription group (as
 * the platform's ingest uses), subscribed at QoS 1 to the uplinks under a topic root, that only count and
 * acknowledge what they receive. Thread-safe.
 */
public final class PlainSubscriber implements AutoCloseable {

    private final Vertx vertx;
    private final List<MqttClient> clients = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();

    private PlainSubscriber(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Connects {@code connections} subscribers to {@code topicRoot + shouhu/v1/+/up/+}. */
    public static PlainSubscriber start(String host, int port, String topicRoot, int connections)
            throws InterruptedException {
        PlainSubscriber subscriber = new PlainSubscriber(Vertx.vertx());
        String group = "shouhu-bench-" + UUID.randomUUID().toString().substring(0, 8);
        String filter = "$share/" + group + "/" + topicRoot + Topics.UPLINK_FILTER;
        List<Future<?>> subscribed = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            MqttClient client = MqttClient.create(subscriber.vertx, new MqttClientOptions()
                    .setClientId(group + "-" + i).setCleanSession(true).setKeepAliveInterval(60));
            client.publishHandler(message -> subscriber.received.incrementAndGet());
            subscriber.clients.add(client);
            subscribed.add(client.connect(port, host)
                    .compose(ack -> client.subscribe(filter, MqttQoS.AT_LEAST_ONCE.value())));
        }
        try {
            Future.all(subscribed).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            subscriber.close();
            throw new BrokerException("plain subscriber could not subscribe: " + e.getMessage(), e, true);
        }
        return subscriber;
    }

    public long received() {
        return received.get();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Best effort.
        }
    }
}
