package org.shouhu.protocol;

/**
 * A payload that cannot be accepted. Carries a machine-readable reason and, for binary frames, the byte offset at
 * which decoding stopped (-1 when not applicable), so that dead-letter records say exactly what was wrong.
 */
public final class ProtocolException extends Exception {

    /** Why a payload was rejected. Stable names: they are stored in the dead-letter table and used as metric tags. */
    public enum Reason {
        EMPTY,
        TRUNCATED,
        TRAILING_BYTES,
        BAD_CHECKSUM,
        UNSUPPORTED_VERSION,
        UNKNOWN_TYPE,
        MALFORMED_JSON,
        MISSING_FIELD,
        INVALID_FIELD,
        COORDINATE_OUT_OF_RANGE,
        TIME_IN_FUTURE,
        TOPIC_MISMATCH,
        BAD_TOPIC
    }

    private final Reason reason;
    private final int offset;

    public ProtocolException(Reason reason, int offset, String message) {
        // No stack trace: a rejection is an answer about the payload, not a fault in the code, and a flood of bad
        // payloads must not cost a stack walk each.
        super(message, null, false, false);
        this.reason = reason;
        this.offset = offset;
    }

    public ProtocolException(Reason reason, String message) {
        this(reason, -1, message);
    }

    public Reason reason() {
        return reason;
    }

    /** Byte offset in the frame where the problem was found, or -1. */
    public int offset() {
        return offset;
    }

    @Override
    public String getMessage() {
        return offset >= 0
                ? reason + " at byte " + offset + ": " + super.getMessage()
                : reason + ": " + super.getMessage();
    }
}
