package org.shouhu.alert.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.shouhu.alert.Actor;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AuditEvent;
import org.shouhu.alert.DeliveryOutcome;
import org.shouhu.alert.MessageKind;

/**
 * The dispatcher's side of the outbox: claims due rows under a lease and records how each attempt ended, with its
 * audit event and, on failure, the fall to the recipient's next channel. Blocking; call on a worker thread.
 * Thread-safe.
 */
public final class DeliveryLedger {

    private static final String SYSTEM = Actor.SYSTEM.toString();

    private final Transactions transactions;
    private final AlertRepository alerts = new AlertRepository();
    private final OutboxRepository outbox = new OutboxRepository();
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final int nextChannelAfterAttempts;

    /**
     * @param owner identifies this dispatcher instance in leases; unique per running instance
     */
    public DeliveryLedger(Transactions transactions, Clock clock, String owner, Duration lease,
                          int nextChannelAfterAttempts) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.nextChannelAfterAttempts = nextChannelAfterAttempts;
    }

    /**
     * Claims up to {@code limit} due rows under a lease. The commit does not wait for the disk: a claim lost in a
     * database crash only means the row is claimed again.
     */
    public List<ClaimedMessage> claim(int limit) throws SQLException {
        return transactions.runUnflushed(connection -> {
            Instant now = clock.instant();
            return outbox.claim(connection, owner, now, now.plus(lease), limit);
        });
    }

    /** Frees rows leased by earlier (dead) runs of this instance; see {@link OutboxRepository#releaseEarlierRuns}. */
    public int releaseEarlierRuns(String instanceId) throws SQLException {
        return transactions.run(connection -> outbox.releaseEarlierRuns(connection, instanceId, owner));
    }

    /** @return false when the lease had been lost and another instance owns the row now */
    public boolean delivered(ClaimedMessage message, String detail) throws SQLException {
        return transactions.runUnflushed(connection -> delivered(connection, message, detail));
    }

    private boolean delivered(Connection connection, ClaimedMessage message, String detail) throws SQLException {
        Instant now = clock.instant();
        if (!outbox.markDelivered(connection, message, owner, now)) {
            return false;
        }
        outbox.cancelStandby(connection, message);
        if (message.messageKind() == MessageKind.ALERT) {
            alerts.markDelivered(connection, message.alertId());
        }
        alerts.insertEvent(connection, new AuditEvent(message.alertId(), now, AuditEvent.Type.DELIVERED, SYSTEM,
                message.recipientKey(), describe(message) + ": " + detail));
        return true;
    }

    /** Schedules another attempt after {@code delay}; after enough failures the next channel is tried as well. */
    public boolean retry(ClaimedMessage message, Duration delay, String reason) throws SQLException {
        return transactions.runUnflushed(connection -> retry(connection, message, delay, reason));
    }

    private boolean retry(Connection connection, ClaimedMessage message, Duration delay, String reason)
            throws SQLException {
        Instant now = clock.instant();
        Instant next = now.plus(delay);
        if (!outbox.markRetry(connection, message, owner, next, reason)) {
            return false;
        }
        if (outbox.cancelRetryIfDeliveredElsewhere(connection, message)) {
            alerts.insertEvent(connection, new AuditEvent(message.alertId(), now, AuditEvent.Type.DELIVERY_FAILED,
                    SYSTEM, message.recipientKey(), describe(message) + ": " + reason
                            + "; no retry, another channel delivered it"));
            return true;
        }
        alerts.insertEvent(connection, new AuditEvent(message.alertId(), now, AuditEvent.Type.DELIVERY_FAILED,
                SYSTEM, message.recipientKey(), describe(message) + ": " + reason + "; retry at " + next));
        if (message.attempts() == nextChannelAfterAttempts) {
            Optional<String> activated = outbox.activateNextChannel(connection, message, now);
            if (activated.isPresent()) {
                alerts.insertEvent(connection, new AuditEvent(message.alertId(), now,
                        AuditEvent.Type.CHANNEL_FALLBACK, SYSTEM, message.recipientKey(),
                        "still failing after " + message.attempts() + " attempts; also trying "
                                + activated.get()));
            }
        }
        return true;
    }

    /**
     * This channel will never carry the message: mark it failed and fall to the next channel.
     *
     * @return true when another channel took over, false when none is left (the recipient cannot be reached)
     */
    public boolean failed(ClaimedMessage message, String reason) throws SQLException {
        return transactions.runUnflushed(connection -> failed(connection, message, reason));
    }

    private boolean failed(Connection connection, ClaimedMessage message, String reason) throws SQLException {
        Instant now = clock.instant();
        if (!outbox.markFailed(connection, message, owner, reason)) {
            return true;
        }
        alerts.insertEvent(connection, new AuditEvent(message.alertId(), now, AuditEvent.Type.DELIVERY_FAILED,
                SYSTEM, message.recipientKey(), describe(message) + ": permanent: " + reason));
        Optional<String> activated = outbox.activateNextChannel(connection, message, now);
        if (activated.isPresent()) {
            alerts.insertEvent(connection, new AuditEvent(message.alertId(), now, AuditEvent.Type.CHANNEL_FALLBACK,
                    SYSTEM, message.recipientKey(), "falling to " + activated.get()));
            return true;
        }
        boolean left = outbox.anyChannelLeft(connection, message.idempotencyKey());
        if (!left) {
            alerts.insertEvent(connection, new AuditEvent(message.alertId(), now, AuditEvent.Type.DELIVERY_FAILED,
                    SYSTEM, message.recipientKey(), "every channel failed permanently; recipient not reached"));
        }
        return left;
    }

    /**
     * How one delivery attempt ended.
     *
     * @param retryDelay when to try again after a retriable failure; ignored otherwise
     */
    public record Attempt(ClaimedMessage message, DeliveryOutcome outcome, Duration retryDelay) {

        public Attempt {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(outcome, "outcome");
            if (outcome instanceof DeliveryOutcome.Retriable && retryDelay == null) {
                throw new IllegalArgumentException("a retriable outcome needs a retry delay");
            }
        }
    }

    /**
     * Records several attempts in one transaction (one commit instead of one per message, which is what bounds
     * delivery throughput). Rows are updated in (alert, row) order so that two batches never lock the same alerts
     * in opposite orders.
     *
     * @return per attempt, in the order given: for a delivery whether this instance still held the lease (false:
     *         another instance owns the row now); for a retry the same; for a permanent failure whether another
     *         channel of the recipient is left
     */
    public List<Boolean> recordAll(List<Attempt> attempts) throws SQLException {
        List<Integer> deliveries = new ArrayList<>();
        List<Integer> retries = new ArrayList<>();
        List<Integer> failures = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            DeliveryOutcome outcome = attempts.get(i).outcome();
            (outcome instanceof DeliveryOutcome.Delivered ? deliveries
                    : outcome instanceof DeliveryOutcome.Retriable ? retries : failures).add(i);
        }
        failures.sort(Comparator.comparing((Integer i) -> attempts.get(i).message().alertId().value())
                .thenComparingLong(i -> attempts.get(i).message().id()));
        return transactions.runUnflushed(connection -> {
            Boolean[] results = new Boolean[attempts.size()];
            recordDeliveries(connection, attempts, deliveries, results);
            recordRetries(connection, attempts, retries, results);
            for (int i : failures) {
                results[i] = record(connection, attempts.get(i));
            }
            return Arrays.asList(results);
        });
    }

    /**
     * Retriable failures, set-based as deliveries are: one statement returns the rows to PENDING, one cancels those
     * another channel delivered meanwhile, one batch writes the events. Only the rare row that reaches the attempt
     * at which the recipient's next channel joins in takes statements of its own.
     */
    private void recordRetries(Connection connection, List<Attempt> attempts, List<Integer> indexes,
                               Boolean[] results) throws SQLException {
        if (indexes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<OutboxRepository.Retry> retries = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            Attempt attempt = attempts.get(i);
            retries.add(new OutboxRepository.Retry(attempt.message(), now.plus(attempt.retryDelay()),
                    ((DeliveryOutcome.Retriable) attempt.outcome()).reason()));
        }
        java.util.Map<Long, Boolean> marked = outbox.markAllRetry(connection, retries, owner);
        List<AuditEvent> events = new ArrayList<>();
        List<ClaimedMessage> nextChannel = new ArrayList<>();
        for (int k = 0; k < indexes.size(); k++) {
            int i = indexes.get(k);
            ClaimedMessage message = attempts.get(i).message();
            Boolean stands = marked.get(message.id());
            results[i] = stands != null;
            if (stands == null) {
                continue;
            }
            String reason = retries.get(k).error();
            events.add(new AuditEvent(message.alertId(), now, AuditEvent.Type.DELIVERY_FAILED, SYSTEM,
                    message.recipientKey(), describe(message) + ": " + reason + (stands
                            ? "; retry at " + retries.get(k).nextAttempt()
                            : "; no retry, another channel delivered it")));
            if (stands && message.attempts() == nextChannelAfterAttempts) {
                nextChannel.add(message);
            }
        }
        alerts.insertEvents(connection, events);
        nextChannel.sort(Comparator.comparing((ClaimedMessage m) -> m.alertId().value())
                .thenComparingLong(ClaimedMessage::id));
        for (ClaimedMessage message : nextChannel) {
            Optional<String> activated = outbox.activateNextChannel(connection, message, now);
            if (activated.isPresent()) {
                alerts.insertEvent(connection, new AuditEvent(message.alertId(), now,
                        AuditEvent.Type.CHANNEL_FALLBACK, SYSTEM, message.recipientKey(),
                        "still failing after " + message.attempts() + " attempts; also trying "
                                + activated.get()));
            }
        }
    }

    /** The common case, set-based: a few statements for the whole batch instead of a few per message. */
    private void recordDeliveries(Connection connection, List<Attempt> attempts, List<Integer> indexes,
                                  Boolean[] results) throws SQLException {
        if (indexes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<ClaimedMessage> messages = indexes.stream().map(i -> attempts.get(i).message()).toList();
        Set<Long> marked = outbox.markAllDelivered(connection, messages, owner, now);
        List<String> keys = new ArrayList<>();
        Set<AlertId> alerted = new TreeSet<>(Comparator.comparing(AlertId::value));
        List<AuditEvent> events = new ArrayList<>();
        for (int i : indexes) {
            ClaimedMessage message = attempts.get(i).message();
            results[i] = marked.contains(message.id());
            if (!results[i]) {
                continue;
            }
            keys.add(message.idempotencyKey());
            if (message.messageKind() == MessageKind.ALERT) {
                alerted.add(message.alertId());
            }
            events.add(new AuditEvent(message.alertId(), now, AuditEvent.Type.DELIVERED, SYSTEM,
                    message.recipientKey(), describe(message) + ": "
                    + ((DeliveryOutcome.Delivered) attempts.get(i).outcome()).detail()));
        }
        if (keys.isEmpty()) {
            return;
        }
        outbox.cancelAllStandby(connection, keys);
        if (!alerted.isEmpty()) {
            alerts.markAllDelivered(connection, alerted);
        }
        alerts.insertEvents(connection, events);
    }

    private boolean record(Connection connection, Attempt attempt) throws SQLException {
        DeliveryOutcome outcome = attempt.outcome();
        if (outcome instanceof DeliveryOutcome.Delivered delivered) {
            return delivered(connection, attempt.message(), delivered.detail());
        }
        if (outcome instanceof DeliveryOutcome.Retriable retriable) {
            return retry(connection, attempt.message(), attempt.retryDelay(), retriable.reason());
        }
        return failed(connection, attempt.message(), ((DeliveryOutcome.Permanent) outcome).reason());
    }

    private static String describe(ClaimedMessage message) {
        return message.messageKind().name().toLowerCase(java.util.Locale.ROOT) + " " + message.messageNumber()
                + " via " + message.channelKind() + " " + message.address() + ", attempt " + message.attempts();
    }
}
