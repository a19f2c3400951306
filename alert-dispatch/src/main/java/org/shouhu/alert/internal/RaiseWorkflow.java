package org.shouhu.alert.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.AlertState;
import org.shouhu.alert.AuditEvent;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.Child;
import org.shouhu.alert.DeviceRecipients;
import org.shouhu.alert.EscalationPolicy;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.JurisdictionLocator;
import org.shouhu.alert.MessageKind;
import org.shouhu.alert.PoliceJurisdiction;
import org.shouhu.alert.RecipientDirectory;
import org.shouhu.alert.ReportedPosition;
import org.shouhu.alert.SosAlertRequest;
import org.shouhu.alert.ZoneAlertRequest;
import org.shouhu.protocol.DeviceId;

/**
 * Raises alerts: one transaction writes the alert, its trigger, its audit event and its outbox rows. A trigger seen
 * before returns its alert unchanged (idempotence); a trigger for a device that already has an open alert of the
 * same kind and zone is absorbed by that alert (storm suppression). A new SOS alert's police message is started
 * as soon as the transaction knows the alert is new, before its rows are written and committed
 * ({@link PreCommitDelivery}); its id, and with it the CAP identifier, is derived from (device, sequence), so that a
 * raise that fails and is raised again names the same alert. Blocking; call on a worker thread. Thread-safe.
 */
public final class RaiseWorkflow {

    /**
     * The alert a request ended in, whether this call created it, and the rows committed already leased to the
     * dispatcher named by the caller (to be handed to it now); empty when there was no such dispatcher or nothing
     * new to deliver.
     */
    public record Raised(AlertId id, boolean created, List<ClaimedMessage> handedOver) {

        public Raised {
            Objects.requireNonNull(id, "id");
            handedOver = List.copyOf(handedOver);
        }

        Raised(AlertId id, boolean created) {
            this(id, created, List.of());
        }
    }

    private final Transactions transactions;
    private final AlertRepository alerts = new AlertRepository();
    private final OutboxRepository outbox = new OutboxRepository();
    private final RecipientDirectory directory;
    private final JurisdictionLocator locator;
    private final AlertDispatchConfig config;
    private final MessagePlanner planner;
    private final Clock clock;

    public RaiseWorkflow(Transactions transactions, RecipientDirectory directory, JurisdictionLocator locator,
                         AlertDispatchConfig config, MessagePlanner planner, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.config = Objects.requireNonNull(config, "config");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Raised raiseSos(SosAlertRequest request) throws SQLException {
        return raiseSos(request, Optional.empty(), PreCommitDelivery.NONE);
    }

    /**
     * @param leaseOwner the dispatcher run the new alert's rows are handed to: they are committed leased to it
     *                   ({@link OutboxRepository#insertLeased}); empty to leave them to the next claim
     * @param preCommit  where the police message of a new alert is started before the commit (only with a lease
     *                   owner, which must be the same dispatcher run); its row is then not among those returned in
     *                   {@link Raised#handedOver()}, since its attempt is under way already
     */
    public Raised raiseSos(SosAlertRequest request, Optional<String> leaseOwner, PreCommitDelivery preCommit)
            throws SQLException {
        Optional<DeviceRecipients> recipients = directory.forDevice(request.device());
        Optional<PoliceJurisdiction> jurisdiction = locate(request.position());
        String triggerKey = "sos:" + request.sequence();
        AlertId id = AlertId.forSos(request.device(), request.sequence());
        PoliceFirst policeFirst = new PoliceFirst(leaseOwner.isPresent() ? preCommit : PreCommitDelivery.NONE);
        Raised raised;
        try {
            raised = transactions.run(connection -> raiseSos(connection, request, id, triggerKey, recipients,
                    jurisdiction, leaseOwner, policeFirst));
        } catch (SQLException | RuntimeException e) {
            policeFirst.abandon();
            throw e;
        }
        return policeFirst.settle(raised);
    }

    private Raised raiseSos(Connection connection, SosAlertRequest request, AlertId id, String triggerKey,
                            Optional<DeviceRecipients> recipients, Optional<PoliceJurisdiction> jurisdiction,
                            Optional<String> leaseOwner, PoliceFirst policeFirst) throws SQLException {
        Instant now = clock.instant();
        alerts.lockDevice(connection, request.device());
        Optional<AlertId> seen = alerts.findTrigger(connection, request.device(), triggerKey);
        if (seen.isPresent()) {
            return new Raised(seen.get(), false);
        }
        Optional<AlertId> open = alerts.findOpen(connection, request.device(), AlertKind.SOS, "");
        if (open.isPresent()) {
            absorb(connection, open.get(), request.device(), triggerKey, request.position(),
                    "SOS pressed again (sequence " + request.sequence() + ")", now);
            return new Raised(open.get(), false);
        }
        Child child = recipients.map(DeviceRecipients::child)
                .orElse(new Child("unregistered", "unregistered wristband " + request.device()));
        AlertSnapshot snapshot = new AlertSnapshot(id, AlertKind.SOS, request.device(), child,
                request.sequence(), "", request.pressedAt(), now, request.position(), request.late(),
                request.batteryPercent(), policeName(jurisdiction), jurisdiction.isEmpty(), AlertState.RAISED, 0,
                1, 0);
        List<Guardian> guardians = recipients.map(DeviceRecipients::guardians).orElse(List.of());
        List<ClaimedMessage> leased = create(connection, snapshot, jurisdiction, guardians, triggerKey, "",
                null, null, now, recipients.isEmpty() ? "device not registered to any child: police only" : "",
                leaseOwner, policeFirst);
        return new Raised(snapshot.id(), true, leased);
    }

    public Raised raiseZoneAlert(ZoneAlertRequest request) throws SQLException {
        return raiseZoneAlert(request, Optional.empty());
    }

    /** @param leaseOwner as for {@link #raiseSos(SosAlertRequest, Optional, PreCommitDelivery)} */
    public Raised raiseZoneAlert(ZoneAlertRequest request, Optional<String> leaseOwner) throws SQLException {
        DeviceRecipients recipients = directory.forDevice(request.device()).orElseThrow(() ->
                new IllegalArgumentException("device " + request.device() + " is not registered to any child"));
        List<Guardian> guardians = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : request.guardianIds()) {
            recipients.guardian(id).ifPresentOrElse(guardians::add, () -> unknown.add(id));
        }
        if (guardians.isEmpty()) {
            throw new IllegalArgumentException("none of the guardians named by rule " + request.ruleId()
                    + " is a guardian of the child wearing " + request.device() + ": " + unknown);
        }
        Optional<PoliceJurisdiction> jurisdiction = locate(request.position());
        String triggerKey = "zone:" + request.ruleId() + ":" + request.kind().token() + ":"
                + request.occurredAt().toEpochMilli();
        return transactions.run(connection -> {
            Instant now = clock.instant();
            alerts.lockDevice(connection, request.device());
            Optional<AlertId> seen = alerts.findTrigger(connection, request.device(), triggerKey);
            if (seen.isPresent()) {
                return new Raised(seen.get(), false);
            }
            Optional<AlertId> open = alerts.findOpen(connection, request.device(), request.kind(), request.zoneId());
            if (open.isPresent()) {
                absorb(connection, open.get(), request.device(), triggerKey, request.position(),
                        "rule " + request.ruleId() + " fired again", now);
                return new Raised(open.get(), false);
            }
            AlertSnapshot snapshot = new AlertSnapshot(AlertId.random(), request.kind(), request.device(),
                    recipients.child(), -1, request.zoneName(), request.occurredAt(), now, request.position(), false,
                    request.batteryPercent(), policeName(jurisdiction), jurisdiction.isEmpty(), AlertState.RAISED, 0,
                    1, 0);
            List<ClaimedMessage> leased = create(connection, snapshot, jurisdiction, guardians, triggerKey,
                    request.zoneId(), request.ruleId(), request.zoneId(), now,
                    unknown.isEmpty() ? "" : "unknown guardians skipped: " + unknown, leaseOwner,
                    new PoliceFirst(PreCommitDelivery.NONE));
            return new Raised(snapshot.id(), true, leased);
        });
    }

    private List<ClaimedMessage> create(Connection connection, AlertSnapshot snapshot,
                                        Optional<PoliceJurisdiction> jurisdiction, List<Guardian> guardians,
                                        String triggerKey, String scopeKey, String ruleId, String zoneId, Instant now,
                                        String note, Optional<String> leaseOwner, PoliceFirst policeFirst)
            throws SQLException {
        EscalationPolicy policy = config.policy(snapshot.kind());
        StoredAlert alert = new StoredAlert(snapshot,
                "police:" + jurisdiction.map(PoliceJurisdiction::id).orElse("fallback"),
                jurisdiction.map(PoliceJurisdiction::capEndpoint).orElse(config.fallbackPolice()),
                policy.escalates() ? Optional.of(now.plus(policy.ackTimeout())) : Optional.empty(),
                Optional.empty());
        List<OutboxEntry> entries = planner.initial(alert, guardians, now);
        // Before any write: the statements and the durable commit below no longer stand before the police's POST.
        policeFirst.start(entries);
        alerts.insert(connection, alert, scopeKey, ruleId, zoneId,
                jurisdiction.map(PoliceJurisdiction::id).orElse(null));
        alerts.insertTrigger(connection, snapshot.device(), triggerKey, snapshot.id(), now);
        List<ClaimedMessage> leased = List.of();
        if (leaseOwner.isPresent()) {
            leased = outbox.insertLeased(connection, entries, new OutboxLease(leaseOwner.get(),
                    now.plus(config.lease())));
        } else {
            outbox.insert(connection, entries);
        }
        String detail = "routed to " + snapshot.policeName() + (snapshot.outsideJurisdiction()
                ? " (outside_jurisdiction)" : "") + ", " + guardians.size() + " guardian(s), " + entries.size()
                + " outbox row(s)" + (note.isEmpty() ? "" : "; " + note);
        alerts.insertEvent(connection, new AuditEvent(snapshot.id(), now, AuditEvent.Type.RAISED,
                org.shouhu.alert.Actor.SYSTEM.toString(), "", detail));
        return leased;
    }

    /**
     * A repeated trigger: counted, and a fresher position is taken. Only a new SOS position is worth a message; it
     * goes as an Update to everyone already told, coalesced with an update not yet sent.
     */
    private void absorb(Connection connection, AlertId id, DeviceId device, String triggerKey,
                        Optional<ReportedPosition> position, String detail, Instant now) throws SQLException {
        alerts.insertTrigger(connection, device, triggerKey, id, now);
        boolean moved = alerts.absorbTrigger(connection, id, position);
        alerts.insertEvent(connection, new AuditEvent(id, now, AuditEvent.Type.REPEATED,
                org.shouhu.alert.Actor.SYSTEM.toString(), "", detail + (moved ? "; new position" : "")));
        if (!moved || alerts.load(connection, id, false).orElseThrow().snapshot().kind() != AlertKind.SOS) {
            // Zone alerts keep the fresher position for the record but send nothing: a flapping rule stays quiet.
            return;
        }
        StoredAlert alert = alerts.load(connection, id, false).orElseThrow();
        List<OutboxRepository.Recipient> told = outbox.recipients(connection, id).stream()
                .filter(OutboxRepository.Recipient::told).toList();
        Integer number = null;
        for (OutboxRepository.Recipient recipient : told) {
            Optional<OutboxRepository.UnsentUpdate> unsent = outbox.lockUnsentUpdate(connection, id, recipient.key());
            if (unsent.isPresent()) {
                OutboxRepository.UnsentUpdate rows = unsent.get();
                for (int r = 0; r < rows.rowIds().size(); r++) {
                    int rank = rows.channelRanks().get(r);
                    OutboxRepository.Channel channel = recipient.channels().stream()
                            .filter(c -> c.rank() == rank).findFirst().orElseThrow();
                    outbox.replaceBody(connection, rows.rowIds().get(r), planner.body(alert.snapshot(), recipient,
                            channel, MessageKind.UPDATE, rows.number(), now));
                }
                continue;
            }
            if (number == null) {
                number = alerts.nextUpdateNumber(connection, id);
            }
            outbox.insert(connection, planner.followUp(alert.snapshot(), recipient, MessageKind.UPDATE, number,
                    MessagePlanner.PRIORITY_FOLLOW_UP, now, ""));
        }
        alerts.insertEvent(connection, new AuditEvent(id, now, AuditEvent.Type.UPDATED,
                org.shouhu.alert.Actor.SYSTEM.toString(), "", "position update to " + told.size() + " recipient(s)"));
    }

    /**
     * The police message of one raise call, started before the commit at most once however often a deadlock makes
     * the transaction run again (the alert id is the same each time), and settled once the transaction has ended.
     */
    private static final class PoliceFirst {

        private final PreCommitDelivery preCommit;
        private OutboxEntry entry;
        private PreCommitDelivery.Started started = PreCommitDelivery.NOT_STARTED;

        PoliceFirst(PreCommitDelivery preCommit) {
            this.preCommit = preCommit;
        }

        /** Starts the police's first channel among a new alert's rows, unless this call started it already. */
        void start(List<OutboxEntry> entries) {
            if (entry != null) {
                return;
            }
            for (OutboxEntry candidate : entries) {
                if (candidate.channelKind() == ChannelKind.CAP && candidate.status() == OutboxStatus.PENDING) {
                    entry = candidate;
                    started = preCommit.start(candidate.channelKind(), candidate.firstAttempt());
                    return;
                }
            }
        }

        /**
         * After the commit: the attempt under way is bound to its committed row, which is taken out of the rows
         * still to hand over. A raise that in the end created nothing (a retried transaction found the press
         * already taken) abandons it.
         */
        Raised settle(Raised raised) {
            if (entry == null || started == PreCommitDelivery.NOT_STARTED) {
                return raised;
            }
            if (!raised.created()) {
                abandon();
                return raised;
            }
            List<ClaimedMessage> rest = new ArrayList<>(raised.handedOver().size());
            ClaimedMessage row = null;
            for (ClaimedMessage message : raised.handedOver()) {
                if (row == null && message.idempotencyKey().equals(entry.idempotencyKey())
                        && message.channelRank() == entry.channelRank()) {
                    row = message;
                } else {
                    rest.add(message);
                }
            }
            if (row == null) {
                // Not leased to the deliverer (cannot happen with an owner); the attempt's outcome has no row.
                abandon();
                return raised;
            }
            started.committed(row);
            return new Raised(raised.id(), true, rest);
        }

        void abandon() {
            started.abandoned();
            started = PreCommitDelivery.NOT_STARTED;
        }
    }

    private Optional<PoliceJurisdiction> locate(Optional<ReportedPosition> position) {
        return position.flatMap(p -> locator.locate(p.latitude(), p.longitude()));
    }

    private String policeName(Optional<PoliceJurisdiction> jurisdiction) {
        return jurisdiction.map(PoliceJurisdiction::name).orElse(config.fallbackPoliceName());
    }
}
