package org.shouhu.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.shouhu.alert.internal.Backoff;
import org.shouhu.alert.internal.ClaimedMessage;
import org.shouhu.alert.internal.DeliveryLedger;
import org.shouhu.alert.internal.DeliveryMetrics;
import org.shouhu.alert.internal.DeviceChannel;
import org.shouhu.alert.internal.HttpPostChannel;
import org.shouhu.alert.internal.LifecycleWorkflow;
import org.shouhu.alert.internal.MessagePlanner;
import org.shouhu.alert.internal.MessageRenderer;
import org.shouhu.alert.internal.PreCommitDelivery;
import org.shouhu.alert.internal.SmsGatewayChannel;
import org.shouhu.alert.internal.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox and drives escalation. Deploy one per server instance; several instances may share a
 * database, since rows are claimed with {@code FOR UPDATE SKIP LOCKED} under a lease.
 *
 * <p>A claim round runs when {@link #wake()} is called (after every other commit that queued messages),
 * every poll interval (due retries, rows committed by other instances or before a restart), and again at once when
 * a round filled its batch, and when a retry falls due. A new alert's messages skip the claim: the alert service
 * commits them already leased to this dispatcher and hands them over ({@code handOver}, package-private), so they
 * are posted right after the commit, and the police's message of a new SOS is started before that commit
 * ({@code startBeforeCommit}), its outcome recorded once the raise has committed. Claimed and handed-over messages
 * are delivered concurrently over pooled keep-alive connections; their outcomes are recorded in batches, one
 * transaction for all that finished meanwhile.
 * JDBC runs on a worker executor, never on the event loop. {@link #wake()} is thread-safe; everything
 * else runs on the verticle's context.
 */
public final class AlertDispatcher extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final String EXECUTOR = "shouhu-alert-dispatch";
    /** Outcome batches written at once; the rest of the worker threads stay free for claims and escalation. */
    private static final int MAX_RECORDERS = 2;
    private static final int MAX_RECORD_BATCH = 500;
    private static final long RETRY_ROUND_GRAIN_MILLIS = 5;
    private static final int CONNECTIONS_PER_HOST = 32;

    private final AlertDispatchConfig config;
    private final Clock clock;
    private final DeviceNotifier notifier;
    private final DeliveryMetrics metrics;
    private final Map<ChannelKind, DeliveryChannel> extraChannels;
    private final String owner;
    private final Backoff backoff;

    private volatile Context dispatchContext;
    private WorkerExecutor executor;
    private WebClient client;
    private final DeliveryLedger ledger;
    private final LifecycleWorkflow lifecycle;
    private final Map<ChannelKind, DeliveryChannel> channels = new EnumMap<>(ChannelKind.class);
    private long pollTimer;
    private long escalationTimer;
    private boolean claiming;
    private boolean wakeRequested;
    private volatile boolean stopped;
    private Promise<Void> settled;
    private int inFlight;
    private int recorders;
    private final java.util.Set<Long> retryRounds = new java.util.HashSet<>();
    private final ArrayDeque<DeliveryLedger.Attempt> unrecorded = new ArrayDeque<>();

    public AlertDispatcher(DataSource dataSource, AlertDispatchConfig config, Clock clock, DeviceNotifier notifier,
                           MeterRegistry registry) {
        this(dataSource, config, clock, notifier, registry, Map.of());
    }

    /**
     * @param extraChannels channels replacing the built-in one of their kind (a different SMS provider protocol)
     */
    public AlertDispatcher(DataSource dataSource, AlertDispatchConfig config, Clock clock, DeviceNotifier notifier,
                           MeterRegistry registry, Map<ChannelKind, DeliveryChannel> extraChannels) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.metrics = new DeliveryMetrics(registry == null ? new SimpleMeterRegistry() : registry);
        this.extraChannels = Map.copyOf(extraChannels);
        this.backoff = new Backoff(config.retryBase(), config.retryCap());
        this.owner = config.instanceId() + "/" + UUID.randomUUID();
        // Built here, not in start(): loading templates and XML factories is slow the first time and must not
        // hold up an event loop.
        Transactions transactions = new Transactions(dataSource);
        this.ledger = new DeliveryLedger(transactions, clock, owner, config.lease(), config.nextChannelAfterAttempts());
        this.lifecycle = new LifecycleWorkflow(transactions, config,
                new MessagePlanner(config, new MessageRenderer(config)), clock);
    }

    @Override
    public Future<?> start() {
        dispatchContext = context;
        executor = vertx.createSharedWorkerExecutor(EXECUTOR, 4);
        // Keep-alive connections, several per receiver: most alerts go to a few hosts (the guardian app's backend,
        // the police endpoints), and Vert.x's default of 5 per host would queue an SOS behind other deliveries.
        client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis()))
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setFollowRedirects(false)
                .setUserAgent("shouhu-alert-dispatch"), new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST));
        HttpPostChannel webhook = new HttpPostChannel(ChannelKind.WEBHOOK, client, config.webhookSecret(),
                config.requestTimeout(), clock);
        channels.put(ChannelKind.WEBHOOK, webhook);
        channels.put(ChannelKind.CAP, new HttpPostChannel(ChannelKind.CAP, client, config.webhookSecret(),
                config.requestTimeout(), clock));
        channels.put(ChannelKind.SMS, new SmsGatewayChannel(webhook, config.smsProvider()));
        channels.put(ChannelKind.DEVICE, new DeviceChannel(notifier));
        channels.putAll(extraChannels);
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> round());
        escalationTimer = vertx.setPeriodic(config.escalationCheckInterval().toMillis(), id -> runEscalation());
        return executor.executeBlocking(() -> ledger.releaseEarlierRuns(config.instanceId()), false)
                .onSuccess(freed -> {
                    if (freed > 0) {
                        LOG.warn("took back {} outbox rows left leased by an earlier run of instance {}", freed,
                                config.instanceId());
                    }
                })
                .recover(e -> {
                    LOG.warn("could not take back rows of earlier runs; they wait out their lease", e);
                    return Future.succeededFuture(0);
                })
                .onComplete(ignored -> round());
    }

    /**
     * Stops claiming, lets the attempts under way finish and their outcomes be recorded (for at most the request
     * timeout and a little more), then closes the HTTP client and the worker executor. Rows still leased after
     * that are delivered after their lease, or at once by the next run of this instance.
     */
    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(escalationTimer);
        settled = Promise.promise();
        long giveUp = vertx.setTimer(config.requestTimeout().toMillis() + 2_000, id -> settled.tryComplete());
        settleIfIdle();
        return settled.future().compose(v -> {
            vertx.cancelTimer(giveUp);
            client.close();
            return executor.close();
        });
    }

    private void settleIfIdle() {
        if (settled != null && !claiming && inFlight == 0 && recorders == 0) {
            settled.tryComplete();
        }
    }

    /**
     * Runs a claim round as soon as possible. Call after committing outbox rows. Safe from any thread; does
     * nothing before start or after stop.
     */
    public void wake() {
        Context target = dispatchContext;
        if (target != null) {
            target.runOnContext(v -> round());
        }
    }

    /**
     * The owner to lease newly raised rows to when they are handed straight to this dispatcher
     * ({@link #handOver}), or empty when it is not running (they are then left to a claim).
     */
    Optional<String> handOverOwner() {
        return dispatchContext != null && !stopped ? Optional.of(owner) : Optional.empty();
    }

    /**
     * Delivers rows just committed leased to {@link #handOverOwner()}, without a claim query: the raise
     * transaction took the lease. Safe from any thread. Police first: theirs is the message an SOS waits on.
     */
    void handOver(List<ClaimedMessage> messages) {
        Context target = dispatchContext;
        if (messages.isEmpty() || target == null) {
            return;
        }
        target.runOnContext(v -> {
            // Handed over while stopping: delivered all the same, stop waits for them. Once stopped, the rows wait
            // for their lease, or for the next run of this instance.
            if (settled != null && settled.future().isComplete()) {
                LOG.warn("{} outbox rows handed over after stop are delivered after their lease", messages.size());
                return;
            }
            messages.stream().filter(m -> m.channelKind() == ChannelKind.CAP).forEach(this::deliver);
            messages.stream().filter(m -> m.channelKind() != ChannelKind.CAP).forEach(this::deliver);
        });
    }

    /**
     * Takes the escalation steps that are due now (by the injected clock) and wakes delivery for what they queued.
     * Also runs every escalation check interval.
     *
     * @return how many alerts escalated or expired
     */
    public Future<Integer> runEscalation() {
        if (stopped) {
            return Future.succeededFuture(0);
        }
        return executor.executeBlocking(() -> lifecycle.escalateDue(50), false)
                .onSuccess(count -> {
                    if (count > 0) {
                        wake();
                    }
                })
                .onFailure(e -> LOG.warn("escalation check failed; will retry", e));
    }

    private void round() {
        if (stopped) {
            return;
        }
        if (claiming) {
            wakeRequested = true;
            return;
        }
        int room = Math.min(config.batchSize(), config.batchSize() * 4 - inFlight);
        if (room <= 0) {
            wakeRequested = true;
            return;
        }
        claiming = true;
        wakeRequested = false;
        executor.executeBlocking(() -> ledger.claim(room), false).onComplete(claimed -> {
            claiming = false;
            if (claimed.failed()) {
                LOG.warn("claiming outbox rows failed; next poll retries", claimed.cause());
                settleIfIdle();
                return;
            }
            List<ClaimedMessage> messages = claimed.result();
            // Delivered even when stop() came meanwhile: they are leased to this run, and stop waits for them.
            messages.forEach(this::deliver);
            settleIfIdle();
            if (wakeRequested || messages.size() == room) {
                round();
            }
        });
    }

    /**
     * Starts the first attempt of a message whose row is still being written (the police's CAP Alert of a new SOS),
     * for the alert service's raise; its outcome is recorded once the raise says the row is committed. Safe from any
     * thread.
     */
    PreCommitDelivery.Started startBeforeCommit(ChannelKind kind, OutboundMessage message) {
        Context target = dispatchContext;
        if (target == null || stopped) {
            return PreCommitDelivery.NOT_STARTED;
        }
        EarlyAttempt attempt = new EarlyAttempt(kind, message);
        target.runOnContext(v -> attempt.start());
        return attempt;
    }

    private void deliver(ClaimedMessage message) {
        inFlight++;
        attempt(message.channelKind(), message.toOutbound())
                .onSuccess(finished -> record(finished.of(message)));
    }

    /** What one attempt ended in, and when to try again after a retriable failure. */
    private record Finished(DeliveryOutcome outcome, Duration retryDelay) {

        DeliveryLedger.Attempt of(ClaimedMessage message) {
            return new DeliveryLedger.Attempt(message, outcome, retryDelay);
        }
    }

    /** One attempt over the message's channel; never fails (a failing channel is a retriable outcome). */
    private Future<Finished> attempt(ChannelKind kind, OutboundMessage message) {
        Instant started = clock.instant();
        DeliveryChannel channel = channels.get(kind);
        Future<DeliveryOutcome> attempt;
        try {
            attempt = channel.deliver(message);
        } catch (RuntimeException e) {
            attempt = Future.succeededFuture(new DeliveryOutcome.Retriable("channel failed: " + e));
        }
        return attempt.recover(e -> Future.succeededFuture(new DeliveryOutcome.Retriable("channel failed: " + e)))
                .map(outcome -> {
                    Instant finished = clock.instant();
                    metrics.attempt(kind, outcome, Duration.between(started, finished));
                    Duration retryDelay = outcome instanceof DeliveryOutcome.Retriable retriable
                            ? backoff.delay(message.attempt(), ThreadLocalRandom.current().nextDouble(),
                                    retriable.retryAfter())
                            : null;
                    return new Finished(outcome, retryDelay);
                });
    }

    private void record(DeliveryLedger.Attempt attempt) {
        unrecorded.add(attempt);
        recordOutcomes();
    }

    /**
     * An attempt started before its row was committed. Its outcome waits until the raise has settled it: recorded on
     * the committed row like any other, or dropped when nothing was committed. Counted in flight from its start to
     * then, so that an orderly stop waits for it. State is confined to the dispatcher's context.
     */
    private final class EarlyAttempt implements PreCommitDelivery.Started {

        private final ChannelKind kind;
        private final OutboundMessage message;
        private boolean running;
        private Finished finished;
        private boolean decided;
        private ClaimedMessage row;

        EarlyAttempt(ChannelKind kind, OutboundMessage message) {
            this.kind = kind;
            this.message = message;
        }

        void start() {
            if (settled != null && settled.future().isComplete()) {
                // Stopped before the attempt could start: the committed row waits for its lease, or the next run.
                return;
            }
            running = true;
            inFlight++;
            attempt(kind, message).onSuccess(outcome -> {
                finished = outcome;
                conclude();
            });
        }

        @Override
        public void committed(ClaimedMessage committedRow) {
            dispatchContext.runOnContext(v -> {
                decided = true;
                row = committedRow;
                if (!running) {
                    LOG.warn("alert {}: police message committed after stop is delivered after its lease",
                            message.alertId());
                }
                conclude();
            });
        }

        @Override
        public void abandoned() {
            dispatchContext.runOnContext(v -> {
                decided = true;
                conclude();
            });
        }

        private void conclude() {
            if (!running || !decided || finished == null) {
                return;
            }
            running = false;
            if (row != null) {
                record(finished.of(row));
            } else {
                inFlight--;
                settleIfIdle();
            }
        }
    }

    /**
     * Records finished attempts in batches: everything that finished while the previous batch was being written
     * goes into the next one, so the number of commits adapts to the load instead of growing with it.
     */
    private void recordOutcomes() {
        if (unrecorded.isEmpty() || recorders >= MAX_RECORDERS) {
            return;
        }
        List<DeliveryLedger.Attempt> batch = new ArrayList<>(Math.min(unrecorded.size(), MAX_RECORD_BATCH));
        while (!unrecorded.isEmpty() && batch.size() < MAX_RECORD_BATCH) {
            batch.add(unrecorded.poll());
        }
        recorders++;
        Instant finished = clock.instant();
        executor.executeBlocking(() -> ledger.recordAll(batch), false).onComplete(done -> {
            recorders--;
            inFlight -= batch.size();
            if (done.succeeded()) {
                afterRecording(batch, done.result(), finished);
            } else {
                // The leases expire and the rows are delivered again: at least once, never lost.
                LOG.warn("recording {} delivery outcomes failed; their rows are retried after the lease",
                        batch.size(), done.cause());
            }
            recordOutcomes();
            settleIfIdle();
            if (wakeRequested) {
                round();
            }
        });
    }

    private void afterRecording(List<DeliveryLedger.Attempt> batch, List<Boolean> results, Instant finished) {
        boolean fellToNextChannel = false;
        for (int i = 0; i < batch.size(); i++) {
            DeliveryLedger.Attempt attempt = batch.get(i);
            ClaimedMessage message = attempt.message();
            boolean result = results.get(i);
            if (attempt.outcome() instanceof DeliveryOutcome.Delivered) {
                if (result && message.messageKind() == MessageKind.ALERT && message.fixTime() != null) {
                    metrics.firstDelivery(message.channelKind(), message.fixTime(), finished);
                }
            } else if (attempt.outcome() instanceof DeliveryOutcome.Retriable) {
                if (result) {
                    scheduleRetryRound(attempt.retryDelay().toMillis());
                }
            } else if (attempt.outcome() instanceof DeliveryOutcome.Permanent permanent) {
                if (!result) {
                    LOG.error("alert {}: every channel to {} failed permanently ({})", message.alertId(),
                            message.recipientKey(), permanent.reason());
                }
                fellToNextChannel = true;
            }
        }
        if (fellToNextChannel) {
            wakeRequested = true;
        }
    }

    /**
     * A round when the retry falls due, so that it does not wait for the poll. Retries due within the same few
     * milliseconds share one round.
     */
    private void scheduleRetryRound(long delayMillis) {
        long due = (System.nanoTime() / 1_000_000 + Math.max(1, delayMillis)) / RETRY_ROUND_GRAIN_MILLIS;
        if (retryRounds.add(due)) {
            vertx.setTimer(due * RETRY_ROUND_GRAIN_MILLIS - System.nanoTime() / 1_000_000 + 1, id -> {
                retryRounds.remove(due);
                round();
            });
        }
    }
}
