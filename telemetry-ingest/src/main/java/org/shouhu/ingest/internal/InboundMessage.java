package org.shouhu.ingest.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as it came off the broker, before decoding.
 *
 * @param topic      the topic it was published on
 * @param payload    its bytes, untouched (they go to the dead-letter table as they are)
 * @param receivedAt when ingest received it
 * @param ack        acknowledges it to the broker; call only after what it carried is committed
 * @param redelivered whether the broker marked it as sent before (MQTT's DUP flag): it may already be stored
 */
public record InboundMessage(String topic, byte[] payload, Instant receivedAt, AckHandle ack, boolean redelivered) {

    public InboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(ack, "ack");
    }

    /** A message the broker sends for the first time. */
    public InboundMessage(String topic, byte[] payload, Instant receivedAt, AckHandle ack) {
        this(topic, payload, receivedAt, ack, false);
    }
}
