package org.shouhu.protocol;

import org.shouhu.protocol.ProtocolException.Reason;
import org.shouhu.protocol.internal.CommandBinaryCodec;
import org.shouhu.protocol.internal.CommandJsonCodec;
import org.shouhu.protocol.internal.PayloadForm;

/**
 * Encodes downlink commands (platform to wristband) in the binary and JSON forms, and decodes them (used by the
 * firmware simulator and by tests). {@link #decode} accepts any topic and bytes and throws only
 * {@link ProtocolException}. Stateless and thread-safe.
 */
public final class DownlinkCodec {

    private DownlinkCodec() {
    }

    public static byte[] encodeBinary(DownlinkCommand command) {
        return CommandBinaryCodec.encode(command);
    }

    public static byte[] encodeJson(DownlinkCommand command) {
        return CommandJsonCodec.encode(command);
    }

    /**
     * Decodes one downlink payload received on {@code topic}; the form is told by the first byte as for uplinks.
     *
     * @throws ProtocolException when the topic or payload cannot be accepted, or the topic names another device or
     *                           command kind (TOPIC_MISMATCH)
     */
    public static DownlinkCommand decode(String topic, byte[] payload) throws ProtocolException {
        Topics.DownlinkAddress address = Topics.parseDownlink(topic);
        DownlinkCommand command = PayloadForm.isJson(payload)
                ? CommandJsonCodec.decode(payload)
                : CommandBinaryCodec.decode(payload);
        if (!address.device().equals(command.deviceId()) || address.type() != command.type()) {
            throw new ProtocolException(Reason.TOPIC_MISMATCH, "topic " + topic + " is for "
                    + address.type().topicSuffix() + " to " + address.device() + ", payload is "
                    + command.type().topicSuffix() + " to " + command.deviceId());
        }
        return command;
    }
}
