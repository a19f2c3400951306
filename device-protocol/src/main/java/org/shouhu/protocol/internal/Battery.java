package org.shouhu.protocol.internal;

import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/** The battery field rule: a percentage 0..100. Stateless. */
public final class Battery {

    private Battery() {
    }

    public static int check(long percent, FieldLocation at, String field, int relative) throws ProtocolException {
        if (percent < 0 || percent > 100) {
            throw at.error(Reason.INVALID_FIELD, field, relative, percent + " is outside 0..100 percent");
        }
        return (int) percent;
    }

    /** An SOS is never rejected for its battery field: a value out of range is clamped into 0..100. */
    public static int clampForSos(long percent) {
        return (int) Math.max(0, Math.min(100, percent));
    }
}
