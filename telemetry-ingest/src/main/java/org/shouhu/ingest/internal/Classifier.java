package org.shouhu.ingest.internal;

import java.util.Objects;
import java.util.Optional;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkMessage;

/**
 * Decodes a received payload and sorts it into accepted or rejected. The decoder validates fields, times and the
 * topic; the topic check is repeated here because the routing below (SOS fast path or batch) relies on it whatever
 * decoder is plugged in. A rejected payload on a device's SOS topic, or one that decoded as an SOS, keeps the
 * topic's device so that an SOS can still be raised. Thread-safe.
 */
public final class Classifier {

    private final UplinkDecoder decoder;

    public Classifier(UplinkDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    public Classified classify(InboundMessage message) {
        Topics.UplinkAddress address = null;
        UplinkMessage uplink = null;
        ProtocolException problem;
        try {
            address = Topics.parseUplink(message.topic());
            uplink = decoder.decode(message.topic(), message.payload());
            checkTopic(address, uplink);
            return new Classified.Accepted(message, uplink);
        } catch (ProtocolException e) {
            problem = e;
        } catch (RuntimeException e) {
            // A decoder bug must cost one message, not the connection: reject it with what we know.
            problem = new ProtocolException(Reason.INVALID_FIELD,
                    "decoder failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        boolean looksLikeSos = address != null
                && (address.type() == MessageType.SOS || uplink instanceof SosPress);
        return new Classified.Rejected(message, problem,
                looksLikeSos ? Optional.of(address.device()) : Optional.empty());
    }

    /**
     * The payload must belong to the device the topic names. An SOS published under another kind of topic of the
     * same device is still accepted: a firmware slip must not swallow a press.
     */
    private static void checkTopic(Topics.UplinkAddress address, UplinkMessage uplink) throws ProtocolException {
        boolean sameDevice = address.device().equals(uplink.deviceId());
        if (sameDevice && (address.type() == uplink.type() || uplink instanceof SosPress)) {
            return;
        }
        throw new ProtocolException(Reason.TOPIC_MISMATCH, "topic names " + address.device() + "/"
                + address.type() + " but payload is " + uplink.deviceId() + "/" + uplink.type());
    }

}
