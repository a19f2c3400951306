package org.shouhu.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.shouhu.alert.internal.CapAckParser;
import org.shouhu.alert.internal.ClaimedMessage;
import org.shouhu.alert.internal.LifecycleWorkflow;
import org.shouhu.alert.internal.MessagePlanner;
import org.shouhu.alert.internal.MessageRenderer;
import org.shouhu.alert.internal.PreCommitDelivery;
import org.shouhu.alert.internal.RaiseWorkflow;
import org.shouhu.alert.internal.StoredAlert;
import org.shouhu.alert.internal.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises, acknowledges and resolves alerts, and answers questions about them. Every operation is one database
 * transaction on a worker thread, so it may be called from the event loop; the futures complete on the caller's
 * context.
 *
 * <p>Given the {@link AlertDispatcher} of this instance, a new alert's messages are handed straight to it: the raise
 * transaction commits them already leased to that dispatcher, which posts them at once, with no claim query between
 * the commit and the first attempt. The police's message of a new SOS does not wait for the commit at all: it is
 * started as soon as the transaction has found the press to be new, and its outcome is recorded after the commit.
 * If the raise then fails, the police may have the CAP Alert of an alert that is not stored; the caller raises the
 * press again (ingest does, until it succeeds), and since an SOS alert's id is derived from (device, sequence) the
 * police get the same identifier again, this time recorded. The outbox stays the durable record: if this instance dies before recording an
 * outcome, the rows are delivered after the lease or by the next run of the instance. Every other commit that queued
 * messages (a repeated press, an acknowledgement, a resolution) wakes the dispatcher to claim them.
 *
 * <p>After each commit that changed an alert, {@code onCommitted} runs, on the worker thread right after the commit;
 * it must be quick and thread-safe (the constructor without a dispatcher relies on it to call
 * {@link AlertDispatcher#wake}).
 *
 * <p>Failures: {@link IllegalArgumentException} for bad input (permanent), {@link AlertNotFoundException},
 * {@link AlertStateException}, {@link CapDocumentException} (permanent), {@link AlertStoreException} when the
 * database failed (retriable; nothing was committed). Thread-safe.
 */
public final class AlertService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    /** Where the messages of a commit go: handed straight to a dispatcher, or left to its next claim. */
    interface HandOver {

        /** The dispatcher run to lease new rows to, or empty to leave them unleased. */
        Optional<String> owner();

        /** Delivers rows committed leased to {@link #owner()}. */
        void deliver(List<ClaimedMessage> leased);

        /** Asks for a claim round: rows were committed unleased. */
        void wake();

        /** Where the police message of a new SOS starts before the commit, by the dispatcher run {@link #owner()}. */
        default PreCommitDelivery preCommit() {
            return PreCommitDelivery.NONE;
        }

        HandOver NONE = new HandOver() {
            @Override
            public Optional<String> owner() {
                return Optional.empty();
            }

            @Override
            public void deliver(List<ClaimedMessage> leased) {
                throw new IllegalStateException("no rows are leased without an owner");
            }

            @Override
            public void wake() {
            }
        };

        static HandOver to(AlertDispatcher dispatcher) {
            Objects.requireNonNull(dispatcher, "dispatcher");
            return new HandOver() {
                @Override
                public Optional<String> owner() {
                    return dispatcher.handOverOwner();
                }

                @Override
                public void deliver(List<ClaimedMessage> leased) {
                    dispatcher.handOver(leased);
                }

                @Override
                public void wake() {
                    dispatcher.wake();
                }

                @Override
                public PreCommitDelivery preCommit() {
                    return dispatcher::startBeforeCommit;
                }
            };
        }
    }

    private final WorkerExecutor executor;
    private final RaiseWorkflow raising;
    private final LifecycleWorkflow lifecycle;
    private final CapAckParser capAcks;
    private final Runnable onCommitted;
    private final HandOver handOver;

    /**
     * A service that leaves delivery to the dispatcher's claims; {@code onCommitted} must wake it (pass
     * {@link AlertDispatcher#wake}).
     */
    public AlertService(Vertx vertx, DataSource dataSource, RecipientDirectory directory, JurisdictionLocator locator,
                        AlertDispatchConfig config, Clock clock, Runnable onCommitted) {
        this(vertx, dataSource, directory, locator, config, clock, HandOver.NONE, onCommitted);
    }

    /**
     * A service that hands new alerts straight to {@code dispatcher} and wakes it after every other commit;
     * {@code onCommitted} is for other listeners (pass {@code () -> { }} when there are none).
     */
    public AlertService(Vertx vertx, DataSource dataSource, RecipientDirectory directory, JurisdictionLocator locator,
                        AlertDispatchConfig config, Clock clock, AlertDispatcher dispatcher, Runnable onCommitted) {
        this(vertx, dataSource, directory, locator, config, clock, HandOver.to(dispatcher), onCommitted);
    }

    AlertService(Vertx vertx, DataSource dataSource, RecipientDirectory directory, JurisdictionLocator locator,
                 AlertDispatchConfig config, Clock clock, HandOver handOver, Runnable onCommitted) {
        Objects.requireNonNull(vertx, "vertx");
        this.handOver = Objects.requireNonNull(handOver, "handOver");
        Transactions transactions = new Transactions(dataSource);
        MessagePlanner planner = new MessagePlanner(config, new MessageRenderer(config));
        this.executor = vertx.createSharedWorkerExecutor("shouhu-alert-service", 8);
        this.raising = new RaiseWorkflow(transactions, directory, locator, config, planner, clock);
        this.lifecycle = new LifecycleWorkflow(transactions, config, planner, clock);
        this.capAcks = new CapAckParser(config.capSender());
        this.onCommitted = Objects.requireNonNull(onCommitted, "onCommitted");
    }

    /**
     * Raises an SOS: the child's guardians and the police of the jurisdiction containing the position are told at
     * once. Idempotent on (device, sequence); a press while an SOS of the device is open is absorbed by it.
     *
     * @return the alert the press belongs to
     */
    public Future<AlertId> raiseSos(SosAlertRequest request) {
        Objects.requireNonNull(request, "request");
        return blocking(() -> afterRaise(raising.raiseSos(request, handOver.owner(), handOver.preCommit())));
    }

    /** Raises a zone alert: the rule's first guardian is told, the others and the police by escalation. */
    public Future<AlertId> raiseZoneAlert(ZoneAlertRequest request) {
        Objects.requireNonNull(request, "request");
        return blocking(() -> afterRaise(raising.raiseZoneAlert(request, handOver.owner())));
    }

    /** A guardian, the police or an operator takes the alert on. */
    public Future<AlertState> acknowledge(AlertId id, Actor actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        return blocking(() -> afterChange(lifecycle.acknowledge(id, actor)));
    }

    /** Closes the alert; everyone who was told gets a Cancel. */
    public Future<AlertState> resolve(AlertId id, Actor actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        return blocking(() -> afterChange(lifecycle.resolve(id, actor)));
    }

    /**
     * Accepts a CAP 1.2 {@code Ack} posted by a dispatch centre as the police's acknowledgement of every alert of
     * ours it references.
     *
     * @return the alerts acknowledged
     */
    public Future<List<AlertId>> acceptCapAck(String capXml) {
        return blocking(() -> {
            CapAckParser.CapAck ack = capAcks.parse(capXml);
            List<AlertId> acknowledged = new ArrayList<>();
            for (AlertId id : ack.alerts()) {
                lifecycle.acknowledge(id, Actor.police(ack.sender()));
                acknowledged.add(id);
            }
            return afterChange(acknowledged);
        });
    }

    /** Every step of the alert's life, oldest first. */
    public Future<List<AuditEvent>> auditTrail(AlertId id) {
        return blocking(() -> lifecycle.auditTrail(id));
    }

    /** The alert's current state. */
    public Future<AlertSummary> alert(AlertId id) {
        return blocking(() -> summary(lifecycle.find(id)));
    }

    /** Open alerts (not resolved, not expired), newest first. */
    public Future<List<AlertSummary>> openAlerts(int limit) {
        if (limit < 1 || limit > 10_000) {
            return Future.failedFuture(new IllegalArgumentException("limit must be in 1..10000: " + limit));
        }
        return blocking(() -> lifecycle.open(limit).stream().map(AlertService::summary).toList());
    }

    @Override
    public void close() {
        executor.close();
    }

    private static AlertSummary summary(StoredAlert stored) {
        var s = stored.snapshot();
        return new AlertSummary(s.id(), s.kind(), s.device(), s.child().name(), s.state(), s.raisedAt(),
                s.position(), s.policeName(), s.outsideJurisdiction(), s.escalationLevel(), s.triggerCount());
    }

    /** After a raise: its rows to the dispatcher that holds their lease, or a claim round for them. */
    private AlertId afterRaise(RaiseWorkflow.Raised raised) {
        notifyCommitted();
        if (raised.handedOver().isEmpty()) {
            handOver.wake();
        } else {
            handOver.deliver(raised.handedOver());
        }
        return raised.id();
    }

    /** After any other change: whatever it queued is claimed. */
    private <T> T afterChange(T result) {
        notifyCommitted();
        handOver.wake();
        return result;
    }

    private void notifyCommitted() {
        try {
            onCommitted.run();
        } catch (RuntimeException e) {
            // The change is committed; a listener failing must not make the caller think otherwise.
            LOG.warn("commit listener failed", e);
        }
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return executor.<T>executeBlocking(() -> {
            try {
                return work.call();
            } catch (SQLException e) {
                throw new AlertStoreException("alert database failed: " + e.getMessage(), e);
            }
        }, false);
    }
}
