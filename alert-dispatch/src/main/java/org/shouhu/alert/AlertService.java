package org.shouhu.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.shouhu.alert.internal.CapAckParser;
import org.shouhu.alert.internal.LifecycleWorkflow;
import org.shouhu.alert.internal.MessagePlanner;
import org.shouhu.alert.internal.MessageRenderer;
import org.shouhu.alert.internal.RaiseWorkflow;
import org.shouhu.alert.internal.StoredAlert;
import org.shouhu.alert.internal.Transactions;

/**
 * Raises, acknowledges and resolves alerts, and answers questions about them. Every operation is one database
 * transaction on a worker thread, so it may be called from the event loop; the futures complete on the caller's
 * context. After each commit that queued messages, {@code onCommitted} runs (pass {@link AlertDispatcher#wake}) so
 * that delivery starts at once.
 *
 * <p>Failures: {@link IllegalArgumentException} for bad input (permanent), {@link AlertNotFoundException},
 * {@link AlertStateException}, {@link CapDocumentException} (permanent), {@link AlertStoreException} when the
 * database failed (retriable; nothing was committed). Thread-safe.
 */
public final class AlertService implements AutoCloseable {

    private final WorkerExecutor executor;
    private final RaiseWorkflow raising;
    private final LifecycleWorkflow lifecycle;
    private final CapAckParser capAcks;
    private final Runnable onCommitted;

    public AlertService(Vertx vertx, DataSource dataSource, RecipientDirectory directory, JurisdictionLocator locator,
                        AlertDispatchConfig config, Clock clock, Runnable onCommitted) {
        Objects.requireNonNull(vertx, "vertx");
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
        return blocking(() -> raising.raiseSos(request).id(), true);
    }

    /** Raises a zone alert: the rule's first guardian is told, the others and the police by escalation. */
    public Future<AlertId> raiseZoneAlert(ZoneAlertRequest request) {
        Objects.requireNonNull(request, "request");
        return blocking(() -> raising.raiseZoneAlert(request).id(), true);
    }

    /** A guardian, the police or an operator takes the alert on. */
    public Future<AlertState> acknowledge(AlertId id, Actor actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        return blocking(() -> lifecycle.acknowledge(id, actor), true);
    }

    /** Closes the alert; everyone who was told gets a Cancel. */
    public Future<AlertState> resolve(AlertId id, Actor actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        return blocking(() -> lifecycle.resolve(id, actor), true);
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
            return acknowledged;
        }, true);
    }

    /** Every step of the alert's life, oldest first. */
    public Future<List<AuditEvent>> auditTrail(AlertId id) {
        return blocking(() -> lifecycle.auditTrail(id), false);
    }

    /** The alert's current state. */
    public Future<AlertSummary> alert(AlertId id) {
        return blocking(() -> summary(lifecycle.find(id)), false);
    }

    /** Open alerts (not resolved, not expired), newest first. */
    public Future<List<AlertSummary>> openAlerts(int limit) {
        if (limit < 1 || limit > 10_000) {
            return Future.failedFuture(new IllegalArgumentException("limit must be in 1..10000: " + limit));
        }
        return blocking(() -> lifecycle.open(limit).stream().map(AlertService::summary).toList(), false);
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

    private <T> Future<T> blocking(Callable<T> work, boolean wakeAfter) {
        return executor.<T>executeBlocking(() -> {
            try {
                return work.call();
            } catch (SQLException e) {
                throw new AlertStoreException("alert database failed: " + e.getMessage(), e);
            }
        }, false).onSuccess(result -> {
            if (wakeAfter) {
                onCommitted.run();
            }
        });
    }
}
