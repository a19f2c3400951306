package org.shouhu.ingest.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.shouhu.ingest.SosHandler;
import org.shouhu.ingest.SosReceived;
import org.shouhu.ingest.SosTimings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOS fast path. For each SOS, at once and independently of the ordinary batches: stores it (retrying with
 * backoff until it is stored), hands it to the {@link SosHandler} (retrying with backoff until the handler
 * succeeds), and acknowledges the message only when both are done. The two run side by side: the handler does not
 * wait for the commit. A press that carries a position is handed over at once; one without waits for the
 * last-known-position lookup (the first statement of its transaction) for at most {@code storeWait}, then is
 * handed over with what the message itself says, so that a slow or unreachable database never delays an alert.
 * A crash after the handler ran and before the commit loses nothing (the message is not acknowledged, the broker
 * redelivers it, the handler runs again): the alert side may see the same SOS twice and must be idempotent on
 * (device, sequence), as {@link SosHandler} requires anyway.
 *
 * <p>All state lives on the event-loop context it is given; {@link #submit} must be called on it, {@link #stop}
 * may be called from any thread.
 */
public final class SosPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SosPipeline.class);

    private final Vertx vertx;
    private final Context context;
    private final SosStore store;
    private final SosHandler handler;
    private final IngestMetrics metrics;
    private final Duration lateThreshold;
    private final Duration storeWait;
    private final Duration retryMax;
    private volatile boolean stopped;

    public SosPipeline(Vertx vertx, Context context, SosStore store, SosHandler handler, IngestMetrics metrics,
                       Duration lateThreshold, Duration storeWait, Duration retryMax) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.context = Objects.requireNonNull(context, "context");
        this.store = Objects.requireNonNull(store, "store");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.lateThreshold = Objects.requireNonNull(lateThreshold, "lateThreshold");
        this.storeWait = Objects.requireNonNull(storeWait, "storeWait");
        this.retryMax = Objects.requireNonNull(retryMax, "retryMax");
    }

    public void submit(SosCandidate candidate) {
        long received = System.nanoTime();
        SosReceived initial = candidate.initial(lateThreshold);
        if (initial.late()) {
            metrics.sosLate.increment();
        }
        if (initial.corruptFrame()) {
            metrics.sosCorrupt.increment();
        }
        new Delivery(candidate, initial, received).begin();
    }

    /** No more retries are scheduled; SOS not yet acknowledged will be redelivered by the broker. */
    public void stop() {
        stopped = true;
    }

    /** One SOS going through store, handler and acknowledgement. Touched only on the context. */
    private final class Delivery {
        private final SosCandidate candidate;
        private final SosReceived initial;
        private final long received;
        private final Backoff storeBackoff = new Backoff(Duration.ofMillis(100), retryMax);
        private final Backoff handlerBackoff = new Backoff(Duration.ofMillis(100), retryMax);
        private long waitTimer = -1;
        private boolean handled;
        private SosStore.Stored stored;
        private boolean handlerStarted;
        private long handlerStartedAt;
        private long handlerDoneAt;

        Delivery(SosCandidate candidate, SosReceived initial, long received) {
            this.candidate = candidate;
            this.initial = initial;
            this.received = received;
        }

        void begin() {
            attemptStore();
            if (initial.position().isPresent()) {
                // Nothing the database holds would change what the handler gets: raise it now, store meanwhile.
                startHandlerOnce(initial);
                return;
            }
            waitTimer = vertx.setTimer(Math.max(1, storeWait.toMillis()), id -> {
                waitTimer = -1;
                if (!handlerStarted) {
                    LOG.warn("SOS {}/{} not located within {} ms; raising it without the database",
                            initial.device(), initial.sequence(), storeWait.toMillis());
                    startHandler(initial);
                }
            });
        }

        private void attemptStore() {
            SosStore.Pending pending = store.store(candidate, initial);
            // The handler does not wait for the commit, only for the position (the acknowledgement waits for
            // both): a press without a fix is raised after the last-known lookup, before its row is written.
            Future.fromCompletionStage(pending.located(), context).onSuccess(this::startHandlerOnce);
            Future.fromCompletionStage(pending.stored(), context).onComplete(result -> {
                if (result.succeeded()) {
                    SosStore.Stored outcome = result.result();
                    stored = outcome;
                    metrics.sosStored.record(outcome.committed() - received, TimeUnit.NANOSECONDS);
                    if (outcome.duplicate()) {
                        metrics.sosDuplicates.increment();
                    }
                    startHandlerOnce(outcome.received());
                    ackIfDone();
                } else {
                    metrics.sosStoreFailures.increment();
                    LOG.error("storing SOS {}/{} failed (attempt {}); retrying", initial.device(), initial.sequence(),
                            storeBackoff.failures() + 1, result.cause());
                    retry(storeBackoff, this::attemptStore);
                }
            });
        }

        private void startHandlerOnce(SosReceived sos) {
            if (!handlerStarted) {
                cancelWait();
                startHandler(sos);
            }
        }

        private void startHandler(SosReceived sos) {
            handlerStarted = true;
            handlerStartedAt = System.nanoTime();
            callHandler(sos);
        }

        private void callHandler(SosReceived sos) {
            Future<Void> call;
            try {
                call = handler.onSos(sos);
                if (call == null) {
                    call = Future.failedFuture(new IllegalStateException("SosHandler returned null"));
                }
            } catch (RuntimeException e) {
                call = Future.failedFuture(e);
            }
            call.onComplete(result -> context.runOnContext(v -> {
                if (result.succeeded()) {
                    handled = true;
                    handlerDoneAt = System.nanoTime();
                    metrics.sosHandled.increment();
                    ackIfDone();
                } else {
                    metrics.sosHandlerFailures.increment();
                    LOG.error("SOS handler failed for {}/{} (attempt {}); retrying", sos.device(), sos.sequence(),
                            handlerBackoff.failures() + 1, result.cause());
                    retry(handlerBackoff, () -> callHandler(sos));
                }
            }));
        }

        private void retry(Backoff backoff, Runnable attempt) {
            long delay = backoff.nextDelayMillis();
            if (!stopped) {
                vertx.setTimer(delay, id -> {
                    if (!stopped) {
                        attempt.run();
                    }
                });
            }
        }

        private void cancelWait() {
            if (waitTimer >= 0) {
                vertx.cancelTimer(waitTimer);
                waitTimer = -1;
            }
        }

        private void ackIfDone() {
            if (stored != null && handled) {
                candidate.message().ack().ack();
                long acknowledged = System.nanoTime();
                metrics.sosAcknowledged.record(acknowledged - received, TimeUnit.NANOSECONDS);
                tellTimings(acknowledged);
            }
        }

        private void tellTimings(long acknowledged) {
            try {
                handler.onAcknowledged(new SosTimings(initial.device(), initial.sequence(), received, stored.started(),
                        stored.commitStarted(), stored.committed(), handlerStartedAt, handlerDoneAt, acknowledged));
            } catch (RuntimeException e) {
                LOG.warn("SOS handler failed to take the timings of {}/{}", initial.device(), initial.sequence(), e);
            }
        }
    }
}
