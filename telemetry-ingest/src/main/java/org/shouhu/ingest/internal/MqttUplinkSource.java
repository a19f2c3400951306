package org.shouhu.ingest.internal;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.shouhu.ingest.IngestConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives uplink messages over one MQTT connection with the Vert.x MQTT client: persistent session (clean session
 * off, a stable client id), shared subscriptions at QoS 1, automatic acknowledgement off. Each message goes to the sink with an
 * {@link AckHandle}; the PUBACK is sent only when that handle is called. A lost connection is re-established with
 * exponential backoff; acknowledgements of messages received on an earlier connection are dropped, because their
 * packet ids mean nothing on the new one (the broker redelivers those messages instead).
 *
 * <p>When the sink refuses a message (its queue is full) the connection is closed and re-opened only once
 * {@code canResume} says so: the broker keeps the unacknowledged messages, memory stays bounded.
 *
 * <p>Runs on the event-loop context it is given: the client, its handlers and reconnection run there; an
 * acknowledgement is queued on the connection by the thread that calls it and sent by the event loop. {@link #start},
 * {@link #stop} and {@link AckHandle#ack} may be called from any thread.
 */
public final class MqttUplinkSource {

    private static final Logger LOG = LoggerFactory.getLogger(MqttUplinkSource.class);
    private static final int QOS_AT_LEAST_ONCE = MqttQoS.AT_LEAST_ONCE.value();

    private final Vertx vertx;
    private final Context context;
    private final IngestConfig config;
    private final String clientId;
    private final List<String> filters;
    private final Clock clock;
    private final IngestMetrics metrics;
    private final Predicate<InboundMessage> sink;
    private final BooleanSupplier canResume;
    private final Backoff backoff;
    /** Written on the context, read by {@link Ack} on writer threads. */
    private volatile MqttClient current;
    private boolean stopping;
    private boolean overloaded;

    /**
     * @param clientId the MQTT client id of this connection (its persistent session)
     * @param filters  the topic filters to subscribe to at QoS 1
     */
    public MqttUplinkSource(Vertx vertx, Context context, IngestConfig config, String clientId, List<String> filters,
                            Clock clock, IngestMetrics metrics, Predicate<InboundMessage> sink,
                            BooleanSupplier canResume) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.context = Objects.requireNonNull(context, "context");
        this.config = Objects.requireNonNull(config, "config");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.filters = List.copyOf(filters);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.canResume = Objects.requireNonNull(canResume, "canResume");
        this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax());
    }

    /** Connects and subscribes; fails when the first attempt fails. Later losses are retried forever. */
    public Future<Void> start() {
        return onContext(this::connect);
    }

    /** Whether the connection to the broker is up at this moment (read from any thread, for health checks). */
    public boolean connected() {
        MqttClient client = current;
        return client != null && client.isConnected();
    }

    /** Disconnects; unacknowledged messages stay with the broker for the next session. */
    public Future<Void> stop() {
        return onContext(this::disconnect);
    }

    /** Runs {@code action} on this source's context, where all of its state lives. */
    private Future<Void> onContext(java.util.function.Supplier<Future<Void>> action) {
        if (Vertx.currentContext() == context) {
            return action.get();
        }
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(done));
        return done.future();
    }

    private Future<Void> disconnect() {
        stopping = true;
        MqttClient client = current;
        current = null;
        if (client == null || !client.isConnected()) {
            return Future.succeededFuture();
        }
        return client.disconnect().otherwiseEmpty();
    }

    private Future<Void> connect() {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(false)
                .setAutoKeepAlive(true)
                .setKeepAliveInterval(30)
                .setMaxMessageSize(256 * 1024);
        options.setAutoAck(false);
        options.setSsl("ssl".equals(config.mqttUrl().getScheme()));
        if (!config.username().isEmpty()) {
            options.setUsername(config.username());
            options.setPassword(config.password());
        }
        MqttClient client = MqttClient.create(vertx, options);
        client.publishHandler(message -> receive(client, message));
        client.closeHandler(v -> onClosed(client));
        Promise<Void> subscribed = Promise.promise();
        client.subscribeCompletionHandler(ack -> {
            if (ack.grantedQoSLevels().stream().allMatch(qos -> qos >= 0 && qos <= 2)) {
                subscribed.tryComplete();
            } else {
                subscribed.tryFail("broker refused subscription to " + filters
                        + ": granted " + ack.grantedQoSLevels());
            }
        });
        current = client;
        return client.connect(config.mqttUrl().getPort(), config.mqttUrl().getHost())
                .compose(connAck -> {
                    LOG.info("connected to {} as {} (session present: {})", config.mqttUrl(), clientId,
                            connAck.isSessionPresent());
                    Map<String, Integer> subscriptions = new LinkedHashMap<>();
                    filters.forEach(filter -> subscriptions.put(filter, QOS_AT_LEAST_ONCE));
                    return client.subscribe(subscriptions);
                })
                .compose(packetId -> subscribed.future())
                .onSuccess(v -> {
                    metrics.mqttConnects.increment();
                    backoff.reset();
                })
                .onFailure(e -> {
                    LOG.warn("connecting to {} failed: {}", config.mqttUrl(), e.getMessage());
                    if (client.isConnected()) {
                        client.disconnect();
                    }
                });
    }

    private void receive(MqttClient client, MqttPublishMessage message) {
        if (LOG.isDebugEnabled()) { // the hot path: no argument array per message when debug is off
            LOG.debug("received {} bytes on {} (qos {}, dup {})", message.payload().length(), message.topicName(),
                    message.qosLevel(), message.isDup());
        }
        AckHandle ack = message.qosLevel() == MqttQoS.AT_MOST_ONCE ? () -> { } : new Ack(client, message);
        InboundMessage inbound = new InboundMessage(message.topicName(), message.payload().getBytes(),
                clock.instant(), ack, message.isDup());
        if (!sink.test(inbound) && !overloaded && client == current) {
            overloaded = true;
            metrics.queueOverflows.increment();
            LOG.warn("receive queue full; disconnecting until the writer catches up (the broker keeps the messages)");
            client.disconnect();
        }
    }

    private void onClosed(MqttClient client) {
        if (client != current || stopping) {
            return;
        }
        metrics.mqttDisconnects.increment();
        current = null;
        scheduleReconnect(overloaded ? 100 : backoff.nextDelayMillis());
    }

    private void scheduleReconnect(long delayMillis) {
        vertx.setTimer(delayMillis, id -> {
            if (stopping) {
                return;
            }
            if (overloaded && !canResume.getAsBoolean()) {
                scheduleReconnect(100);
                return;
            }
            overloaded = false;
            connect().onFailure(e -> {
                if (current != null && !current.isConnected()) {
                    current = null;
                }
                if (!stopping && current == null) {
                    scheduleReconnect(backoff.nextDelayMillis());
                }
            });
        });
    }

    /**
     * Sends the PUBACK on the connection the message came from, once, if that connection is still the current one.
     *
     * <p>It is written from the calling thread (the batch writer's), not handed to the event loop one message at a
     * time: from another thread the connection queues the PUBACK, and its event loop then writes every PUBACK queued
     * since its last turn and flushes once. Handed over one by one, each PUBACK cost a flush (a {@code write} system
     * call) of its own, and the broker a read of its own.
     */
    private final class Ack implements AckHandle {
        private static final VarHandle DONE;

        static {
            try {
                DONE = MethodHandles.lookup().findVarHandle(Ack.class, "done", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final MqttClient client;
        private final MqttPublishMessage message;
        @SuppressWarnings("unused") // through DONE
        private volatile boolean done;

        Ack(MqttClient client, MqttPublishMessage message) {
            this.client = client;
            this.message = message;
        }

        @Override
        public void ack() {
            if (!DONE.compareAndSet(this, false, true)) {
                return;
            }
            if (client != current || !client.isConnected()) {
                return;
            }
            try {
                message.ack();
            } catch (RuntimeException e) {
                // The connection closed meanwhile: the broker redelivers the message on the next one.
                LOG.debug("acknowledging on a closed connection", e);
            }
        }
    }
}
