package org.shouhu.alert.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.shouhu.alert.Actor;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.AlertNotFoundException;
import org.shouhu.alert.AlertState;
import org.shouhu.alert.AlertStateException;
import org.shouhu.alert.AuditEvent;
import org.shouhu.alert.EscalationPolicy;
import org.shouhu.alert.MessageKind;

/**
 * Acknowledgement, resolution and escalation of alerts, each step one transaction with its audit event and the
 * outbox rows it causes. Blocking; call on a worker thread. Thread-safe.
 */
public final class LifecycleWorkflow {

    private static final String SYSTEM = Actor.SYSTEM.toString();

    private final Transactions transactions;
    private final AlertRepository alerts = new AlertRepository();
    private final OutboxRepository outbox = new OutboxRepository();
    private final AlertDispatchConfig config;
    private final MessagePlanner planner;
    private final Clock clock;

    public LifecycleWorkflow(Transactions transactions, AlertDispatchConfig config, MessagePlanner planner,
                             Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.config = Objects.requireNonNull(config, "config");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records an acknowledgement. Any acknowledgement of a zone alert stops its escalation; an SOS keeps escalating
     * to the police until the police (or an operator) acknowledge it. The first acknowledgement of an SOS queues
     * "help is coming" for the wristband.
     *
     * @throws AlertNotFoundException for an unknown alert
     * @throws AlertStateException    for a resolved or expired alert
     */
    public AlertState acknowledge(AlertId id, Actor actor) throws SQLException {
        return transactions.run(connection -> {
            Instant now = clock.instant();
            StoredAlert alert = load(connection, id);
            AlertState state = alert.snapshot().state();
            if (!state.isOpen()) {
                throw new AlertStateException(id, state, "acknowledge");
            }
            boolean byPolice = actor.kind() == Actor.Kind.POLICE || actor.kind() == Actor.Kind.OPERATOR;
            boolean stopEscalation = alert.snapshot().kind() != AlertKind.SOS || byPolice;
            alerts.recordAcknowledgement(connection, id, actor.toString(), now, stopEscalation);
            if (stopEscalation) {
                outbox.cancelHeld(connection, id);
            }
            if (alert.snapshot().kind() == AlertKind.SOS && alert.acknowledgedBy().isEmpty()) {
                outbox.insert(connection, List.of(planner.deviceAcknowledgement(alert.snapshot(), now)));
            }
            alerts.insertEvent(connection, new AuditEvent(id, now, AuditEvent.Type.ACKNOWLEDGED, actor.toString(), "",
                    stopEscalation ? "escalation stopped" : "SOS keeps escalating until the police acknowledge"));
            return AlertState.ACKNOWLEDGED;
        });
    }

    /**
     * Resolves the alert: nothing more is escalated or retried on other channels, and everyone who was told gets a
     * Cancel (CAP) or "resolved" message. Resolving a resolved alert does nothing.
     *
     * @throws AlertNotFoundException for an unknown alert
     */
    public AlertState resolve(AlertId id, Actor actor) throws SQLException {
        return transactions.run(connection -> {
            Instant now = clock.instant();
            StoredAlert alert = load(connection, id);
            if (alert.snapshot().state() == AlertState.RESOLVED) {
                return AlertState.RESOLVED;
            }
            List<OutboxRepository.Recipient> told = outbox.recipients(connection, id).stream()
                    .filter(OutboxRepository.Recipient::told).toList();
            outbox.cancelWaiting(connection, id);
            alerts.recordResolution(connection, id, actor.toString(), now);
            AlertSnapshot snapshot = alerts.load(connection, id, false).orElseThrow().snapshot();
            for (OutboxRepository.Recipient recipient : told) {
                outbox.insert(connection, planner.followUp(snapshot, recipient, MessageKind.CANCEL, 1,
                        MessagePlanner.PRIORITY_FOLLOW_UP, now, actor.toString()));
            }
            alerts.insertEvent(connection, new AuditEvent(id, now, AuditEvent.Type.RESOLVED, actor.toString(), "",
                    "cancel sent to " + told.size() + " recipient(s)"));
            return AlertState.RESOLVED;
        });
    }

    /**
     * Takes the escalation steps that are due.
     *
     * @return how many alerts were escalated or expired
     */
    public int escalateDue(int limit) throws SQLException {
        return transactions.run(connection -> {
            Instant now = clock.instant();
            List<StoredAlert> due = alerts.dueForEscalation(connection, now, limit);
            for (StoredAlert alert : due) {
                if (alert.snapshot().kind() == AlertKind.SOS) {
                    escalateSos(connection, alert, now);
                } else {
                    escalateZone(connection, alert, now);
                }
            }
            return due.size();
        });
    }

    /** The police have not acknowledged an SOS: send it again as an escalated Update with top priority. */
    private void escalateSos(Connection connection, StoredAlert alert, Instant now) throws SQLException {
        AlertSnapshot s = alert.snapshot();
        EscalationPolicy policy = config.policy(AlertKind.SOS);
        int level = s.escalationLevel() + 1;
        if (level > policy.maxPoliceResends()) {
            alerts.setState(connection, s.id(), s.state(), s.escalationLevel(), null);
            return;
        }
        AlertState state = s.state() == AlertState.ACKNOWLEDGED ? AlertState.ACKNOWLEDGED : AlertState.ESCALATED;
        Instant next = level < policy.maxPoliceResends() ? now.plus(policy.ackTimeout()) : null;
        alerts.setState(connection, s.id(), state, level, next);
        AlertSnapshot escalated = alerts.load(connection, s.id(), false).orElseThrow().snapshot();
        int number = alerts.nextUpdateNumber(connection, s.id());
        List<String> told = new ArrayList<>();
        for (OutboxRepository.Recipient recipient : outbox.recipients(connection, s.id())) {
            if (recipient.key().startsWith("police:")) {
                outbox.insert(connection, planner.followUp(escalated, recipient, MessageKind.UPDATE, number,
                        MessagePlanner.PRIORITY_ESCALATED, now, ""));
                told.add(recipient.key());
            }
        }
        alerts.insertEvent(connection, new AuditEvent(s.id(), now, AuditEvent.Type.ESCALATED, SYSTEM,
                String.join(",", told), "police did not acknowledge within " + policy.ackTimeout()
                        + "; re-sent as update " + number + " at escalation level " + level));
    }

    /** Nobody acknowledged a zone alert: tell the next level (guardian, then police) or let it expire. */
    private void escalateZone(Connection connection, StoredAlert alert, Instant now) throws SQLException {
        AlertSnapshot s = alert.snapshot();
        EscalationPolicy policy = config.policy(s.kind());
        int level = s.escalationLevel() + 1;
        int released = outbox.releaseLevel(connection, s.id(), level, now);
        if (released == 0 && policy.escalateToPolice()) {
            // The police have it: nobody is above them, so the alert stays open without further steps.
            alerts.setState(connection, s.id(), s.state(), s.escalationLevel(), null);
            return;
        }
        if (released == 0) {
            alerts.setState(connection, s.id(), AlertState.EXPIRED, s.escalationLevel(), null);
            alerts.insertEvent(connection, new AuditEvent(s.id(), now, AuditEvent.Type.EXPIRED, SYSTEM, "",
                    "nobody acknowledged and nobody is left to tell"));
            return;
        }
        alerts.setState(connection, s.id(), AlertState.ESCALATED, level, now.plus(policy.ackTimeout()));
        List<String> keys = outbox.recipients(connection, s.id()).stream()
                .filter(r -> r.escalationLevel() == level).map(OutboxRepository.Recipient::key).toList();
        alerts.insertEvent(connection, new AuditEvent(s.id(), now, AuditEvent.Type.ESCALATED, SYSTEM,
                String.join(",", keys), "not acknowledged within " + policy.ackTimeout() + "; escalation level "
                        + level));
    }

    public List<AuditEvent> auditTrail(AlertId id) throws SQLException {
        return transactions.run(connection -> {
            alerts.load(connection, id, false).orElseThrow(() -> new AlertNotFoundException(id));
            return alerts.events(connection, id);
        });
    }

    public List<StoredAlert> open(int limit) throws SQLException {
        return transactions.run(connection -> alerts.open(connection, limit));
    }

    public StoredAlert find(AlertId id) throws SQLException {
        return transactions.run(connection ->
                alerts.load(connection, id, false).orElseThrow(() -> new AlertNotFoundException(id)));
    }

    private StoredAlert load(Connection connection, AlertId id) throws SQLException {
        return alerts.load(connection, id, true).orElseThrow(() -> new AlertNotFoundException(id));
    }
}
