package org.shouhu.alert;

import java.util.Objects;

/**
 * One message to deliver, as a {@link DeliveryChannel} receives it.
 *
 * @param alertId        the alert the message is about
 * @param kind           what the message says
 * @param recipientKey   who receives it ({@code guardian:<id>}, {@code police:<jurisdiction>}, {@code device})
 * @param address        where: URL, phone number or device id, depending on the channel
 * @param idempotencyKey the same on every retry of this message to this recipient, so receivers can drop repeats
 * @param contentType    MIME type of the body
 * @param body           the rendered message, fixed when the message was committed
 * @param attempt        1 for the first attempt
 */
public record OutboundMessage(AlertId alertId, MessageKind kind, String recipientKey, String address,
                              String idempotencyKey, String contentType, String body, int attempt) {

    public OutboundMessage {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipientKey, "recipientKey");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}
