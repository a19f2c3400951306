package org.shouhu.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Objects;
import javax.sql.DataSource;
import org.shouhu.ingest.internal.BatchWriter;
import org.shouhu.ingest.internal.Classified;
import org.shouhu.ingest.internal.Classifier;
import org.shouhu.ingest.internal.CommittedBatch;
import org.shouhu.ingest.internal.EventLoopContexts;
import org.shouhu.ingest.internal.InboundMessage;
import org.shouhu.ingest.internal.IngestMetrics;
import org.shouhu.ingest.internal.MqttUplinkSource;
import org.shouhu.ingest.internal.SosCandidate;
import org.shouhu.ingest.internal.SosPipeline;
import org.shouhu.ingest.internal.SosStore;
import org.shouhu.ingest.internal.UplinkDecoder;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.protocol.UplinkMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service. Deploy one instance per process; several processes with the same share group split the
 * traffic.
 *
 * <p>{@link #start()} applies the telemetry migrations (off the event loop), starts the batch writer and the SOS
 * writer threads, then opens broker connections, each with a persistent session and shared subscriptions: one for
 * SOS topics (client id {@code <client-id>-sos}), so that an SOS never waits behind unacknowledged positions in the
 * broker's in-flight window, and {@link IngestConfig#connections()} for every other uplink kind (client ids from
 * {@link IngestConfig#ordinaryClientIds()}). It fails if the schema cannot be migrated
 * or a first connection fails. Afterwards connections are re-established on their own whenever they are lost.
 *
 * <p>The SOS connection and the SOS pipeline have an event loop of their own; the ordinary connections are spread
 * over the other event loops; the {@link TelemetryListener} is called on the verticle's own context.
 *
 * <p>Each message is decoded on its connection's event loop and routed: an SOS (or anything on an SOS topic that cannot be
 * decoded) to the SOS fast path, everything else to the batch writer. Messages are acknowledged to the broker only
 * after what they carry is committed (and, for an SOS, after the {@link SosHandler} succeeded).
 *
 * <p>{@link #stop()} commits what is queued (for at most the configured shutdown timeout), then disconnects; what is
 * not committed by then is redelivered by the broker to the next session. The data source is not closed.
 */
public final class IngestVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

    private final IngestConfig config;
    private final DataSource dataSource;
    private final MeterRegistry registry;
    private final SosHandler sosHandler;
    private final TelemetryListener listener;
    private final Clock clock;
    private final UplinkDecoder decoder;
    private IngestMetrics metrics;
    private Classifier classifier;
    private BatchWriter writer;
    private SosStore sosStore;
    private SosPipeline sosPipeline;
    private final List<MqttUplinkSource> sources = new CopyOnWriteArrayList<>();
    private volatile MqttUplinkSource sosSource;
    private Context sosContext;

    /**
     * @param dataSource a pool with room for {@link IngestConfig#databaseConnections()} connections (the batch
     *                   writers and the SOS writer)
     */
    public IngestVerticle(IngestConfig config, DataSource dataSource, MeterRegistry registry, SosHandler sosHandler,
                          TelemetryListener listener, Clock clock) {
        this(config, dataSource, registry, sosHandler, listener, clock,
                new UplinkCodec(clock, config.maxFutureSkew())::decode);
    }

    IngestVerticle(IngestConfig config, DataSource dataSource, MeterRegistry registry, SosHandler sosHandler,
                   TelemetryListener listener, Clock clock, UplinkDecoder decoder) {
        this.config = Objects.requireNonNull(config, "config");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sosHandler = Objects.requireNonNull(sosHandler, "sosHandler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public Future<?> start() {
        metrics = new IngestMetrics(registry);
        classifier = new Classifier(decoder);
        return vertx.executeBlocking(() -> IngestSchema.migrate(dataSource))
                .compose(applied -> {
                    applied.forEach(m -> LOG.info("telemetry schema: applied {}", m.name()));
                    writer = new BatchWriter(dataSource, metrics, config.batchMaxMessages(), config.batchLinger(),
                            config.queueCapacity(), config.retryMaxBackoff(), config.writers(),
                            this::committedOnWriterThread);
                    writer.start();
                    sosStore = new SosStore(dataSource);
                    sosStore.warmUp();
                    // SOS has a connection of its own: a broker sends a bounded number of unacknowledged messages
                    // per connection, and an SOS must never queue behind positions waiting for their batch. It
                    // also has an event loop of its own, so that it never waits behind the decoding of positions
                    // or the telemetry listener.
                    EventLoopContexts loops = new EventLoopContexts(vertx);
                    sosContext = loops.create();
                    sosPipeline = new SosPipeline(vertx, sosContext, sosStore, sosHandler, metrics,
                            config.sosLateThreshold(), config.sosStoreWait(), config.retryMaxBackoff());
                    sosSource = new MqttUplinkSource(vertx, sosContext, config, config.sosClientId(),
                            List.of(config.sosFilter()), clock, metrics, this::route, () -> true);
                    // Several ordinary connections: each gets its own window of unacknowledged messages from the
                    // broker, and acknowledgement waits for the commit, so one window would cap the throughput.
                    // They are spread over the other event loops, so that decoding uses every core.
                    for (String clientId : config.ordinaryClientIds()) {
                        sources.add(new MqttUplinkSource(vertx, loops.createAvoiding(sosContext), config, clientId,
                                config.ordinaryFilters(), clock, metrics, this::route,
                                () -> writer.depth() <= writer.capacity() / 2));
                    }
                    return sosSource.start().compose(v -> startAll(sources))
                            .recover(e -> shutDown().transform(ignored -> Future.failedFuture(e)));
                })
                .onSuccess(v -> LOG.info("ingest started: {}", config));
    }

    @Override
    public Future<?> stop() {
        return shutDown();
    }

    /**
     * How the broker connections stand, for health checks. The SOS connection matters most: ordinary connections
     * also drop on purpose while the writer catches up.
     */
    public BrokerConnections brokerConnections() {
        MqttUplinkSource sos = sosSource;
        int up = 0;
        for (MqttUplinkSource source : sources) {
            up += source.connected() ? 1 : 0;
        }
        return new BrokerConnections(sos != null && sos.connected(), up, config.connections());
    }

    private Future<Void> shutDown() {
        if (sosPipeline != null) {
            sosPipeline.stop();
        }
        Future<Void> drained = writer == null ? Future.succeededFuture()
                : Future.fromCompletionStage(writer.stop(config.shutdownTimeout()), context);
        return drained
                // Acknowledgements of the last batch were queued on their connections' contexts before the drain
                // completed, so they go out before those connections disconnect.
                .compose(v -> stopAll(sources))
                .compose(v -> sosSource == null ? Future.<Void>succeededFuture() : sosSource.stop())
                .compose(v -> vertx.<Void>executeBlocking(() -> {
                    if (sosStore != null) {
                        sosStore.close();
                    }
                    return null;
                }));
    }

    private static Future<Void> startAll(List<MqttUplinkSource> sources) {
        List<Future<Void>> started = new ArrayList<>();
        sources.forEach(s -> started.add(s.start()));
        return Future.all(started).mapEmpty();
    }

    private static Future<Void> stopAll(List<MqttUplinkSource> sources) {
        List<Future<Void>> stopped = new ArrayList<>();
        sources.forEach(s -> stopped.add(s.stop()));
        return Future.join(stopped).mapEmpty();
    }

    /**
     * Routes one received message; runs on the event loop of the connection it came from.
     *
     * @return false when the batch queue is full
     */
    private boolean route(InboundMessage message) {
        Classified classified = classifier.classify(message);
        metrics.received(kindOf(classified));
        if (classified instanceof Classified.Accepted accepted && accepted.uplink() instanceof SosPress press) {
            submitSos(new SosCandidate.Valid(message, press));
            return true;
        }
        if (classified instanceof Classified.Rejected rejected) {
            metrics.rejected(rejected.problem().reason().name());
            if (rejected.sosDevice().isPresent()) {
                LOG.warn("damaged SOS frame on {} ({}); raising SOS from the topic", message.topic(),
                        rejected.problem().getMessage());
                submitSos(new SosCandidate.Corrupt(message, rejected.sosDevice().get(), rejected.problem()));
                return true;
            }
        }
        return writer.offer(classified);
    }

    /** The SOS pipeline lives on the SOS event loop; an SOS that came on an ordinary connection hops there. */
    private void submitSos(SosCandidate candidate) {
        if (Vertx.currentContext() == sosContext) {
            sosPipeline.submit(candidate);
        } else {
            sosContext.runOnContext(v -> sosPipeline.submit(candidate));
        }
    }

    private static org.shouhu.protocol.MessageType kindOf(Classified classified) {
        if (classified instanceof Classified.Accepted accepted) {
            UplinkMessage uplink = accepted.uplink();
            return uplink.type();
        }
        try {
            return Topics.parseUplink(classified.message().topic()).type();
        } catch (org.shouhu.protocol.ProtocolException e) {
            return null;
        }
    }

    /**
     * Runs on the writer thread. The acknowledgements are queued on the connections their messages came from, whose
     * event loops send them (those of one connection with one flush); the listener is told on the verticle's own
     * event loop.
     */
    private void committedOnWriterThread(CommittedBatch batch) {
        batch.messages().forEach(m -> m.ack().ack());
        context.runOnContext(v -> notifyListener(batch));
    }

    private void notifyListener(CommittedBatch batch) {
        try {
            if (!batch.positions().isEmpty()) {
                listener.onPositions(batch.positions());
            }
            if (!batch.statuses().isEmpty()) {
                listener.onStatuses(batch.statuses());
            }
        } catch (RuntimeException e) {
            metrics.listenerFailed();
            LOG.error("telemetry listener failed; the batch stays committed and acknowledged", e);
        }
    }
}
