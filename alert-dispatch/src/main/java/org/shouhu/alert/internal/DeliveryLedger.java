package org.shouhu.alert.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.alert.Actor;
import org.shouhu.alert.AuditEvent;
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

    public List<ClaimedMessage> claim(int limit) throws SQLException {
        return transactions.run(connection -> {
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
        return transactions.run(connection -> {
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
        });
    }

    /** Schedules another attempt after {@code delay}; after enough failures the next channel is tried as well. */
    public boolean retry(ClaimedMessage message, Duration delay, String reason) throws SQLException {
        return transactions.run(connection -> {
            Instant now = clock.instant();
            Instant next = now.plus(delay);
            if (!outbox.markRetry(connection, message, owner, next, reason)) {
                return false;
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
        });
    }

    /**
     * This channel will never carry the message: mark it failed and fall to the next channel.
     *
     * @return true when another channel took over, false when none is left (the recipient cannot be reached)
     */
    public boolean failed(ClaimedMessage message, String reason) throws SQLException {
        return transactions.run(connection -> {
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
        });
    }

    private static String describe(ClaimedMessage message) {
        return message.messageKind().name().toLowerCase(java.util.Locale.ROOT) + " " + message.messageNumber()
                + " via " + message.channelKind() + " " + message.address() + ", attempt " + message.attempts();
    }
}
