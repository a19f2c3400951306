package org.shouhu.alert.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.Language;
import org.shouhu.alert.MessageKind;
import org.shouhu.alert.OutboundMessage;

/**
 * One outbox row to insert: a message to one recipient over one of its channels.
 *
 * @param status PENDING, STANDBY (a later channel of the recipient) or HELD (a later escalation level)
 */
public record OutboxEntry(AlertId alertId, String recipientKey, String recipientName, Language language,
                          MessageKind messageKind, int messageNumber, ChannelKind channelKind, int channelRank,
                          String address, String contentType, String body, int escalationLevel, int priority,
                          OutboxStatus status, Instant createdAt, Instant fixTime) {

    public OutboxEntry {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(recipientKey, "recipientKey");
        Objects.requireNonNull(recipientName, "recipientName");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(messageKind, "messageKind");
        Objects.requireNonNull(channelKind, "channelKind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The same for every channel and every retry of this message to this recipient. */
    public String idempotencyKey() {
        return idempotencyKey(alertId, recipientKey, messageKind, messageNumber);
    }

    /** The row's first attempt, as its channel receives it. */
    public OutboundMessage firstAttempt() {
        return new OutboundMessage(alertId, messageKind, recipientKey, address, idempotencyKey(), contentType, body, 1);
    }

    public static String idempotencyKey(AlertId alertId, String recipientKey, MessageKind kind, int number) {
        return alertId + "/" + recipientKey + "/" + kind.name().toLowerCase(Locale.ROOT) + "/" + number;
    }
}
