package org.shouhu.alert.internal;

import java.time.Instant;
import java.util.Objects;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.MessageKind;
import org.shouhu.alert.OutboundMessage;

/**
 * An outbox row this instance claimed for delivery. {@code attempts} counts this attempt; together with the lease
 * owner it proves, when recording the outcome, that the row was not claimed again in the meantime.
 */
public record ClaimedMessage(long id, AlertId alertId, String recipientKey, MessageKind messageKind,
                             int messageNumber, ChannelKind channelKind, int channelRank, String address,
                             String idempotencyKey, String contentType, String body, int attempts, Instant fixTime) {

    public ClaimedMessage {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(channelKind, "channelKind");
    }

    /** A row inserted already leased to its dispatcher ({@link OutboxRepository#insertLeased}): its first attempt. */
    static ClaimedMessage firstAttempt(long id, OutboxEntry entry) {
        return new ClaimedMessage(id, entry.alertId(), entry.recipientKey(), entry.messageKind(),
                entry.messageNumber(), entry.channelKind(), entry.channelRank(), entry.address(),
                entry.idempotencyKey(), entry.contentType(), entry.body(), 1, entry.fixTime());
    }

    public OutboundMessage toOutbound() {
        return new OutboundMessage(alertId, messageKind, recipientKey, address, idempotencyKey, contentType, body,
                attempts);
    }
}
