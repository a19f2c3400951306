package org.shouhu.protocol.internal;

import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/** Tells the two payload forms apart by their first byte. Stateless. */
public final class PayloadForm {

    private PayloadForm() {
    }

    /**
     * Whether a payload is JSON: its first byte is {@code {} or ASCII whitespace (space, tab, line feed, form feed,
     * carriage return). Binary frames start with the version byte 0x01, which is neither.
     *
     * @throws ProtocolException EMPTY for a null or empty payload
     */
    public static boolean isJson(byte[] payload) throws ProtocolException {
        if (payload == null || payload.length == 0) {
            throw new ProtocolException(Reason.EMPTY, "payload is empty");
        }
        return switch (payload[0]) {
            case '{', ' ', '\t', '\n', '\f', '\r' -> true;
            default -> false;
        };
    }
}
