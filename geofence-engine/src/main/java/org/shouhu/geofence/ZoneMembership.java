package org.shouhu.geofence;

import java.time.Instant;
import java.util.Objects;

/**
 * A device's standing with one zone: the confirmed presence, a pending change being debounced, and when it was
 * last seen inside (for arrival deadlines).
 *
 * @param confirmed     INSIDE or OUTSIDE
 * @param pending       the presence being debounced, or UNKNOWN when none
 * @param pendingFixes  deciding fixes seen for the pending presence
 * @param pendingSince  fix time of the first of them, or null when none
 * @param lastInsideAt  fix time of the latest fix decided inside (in or out of order), or null
 */
public record ZoneMembership(Presence confirmed, Presence pending, int pendingFixes, Instant pendingSince,
                             Instant lastInsideAt) {

    /** Outside with nothing pending and never seen inside: the standing of every zone not recorded. */
    public static final ZoneMembership OUTSIDE = new ZoneMembership(Presence.OUTSIDE, Presence.UNKNOWN, 0, null, null);

    public ZoneMembership {
        Objects.requireNonNull(confirmed, "confirmed");
        Objects.requireNonNull(pending, "pending");
        if (confirmed == Presence.UNKNOWN) {
            throw new IllegalArgumentException("confirmed presence is INSIDE or OUTSIDE");
        }
        if ((pending == Presence.UNKNOWN) != (pendingSince == null) || pendingFixes < 0) {
            throw new IllegalArgumentException("pending presence, count and time must agree");
        }
    }

    /** Whether this standing carries no information beyond {@link #OUTSIDE}, so it need not be stored. */
    public boolean isTrivial() {
        return confirmed == Presence.OUTSIDE && pending == Presence.UNKNOWN && lastInsideAt == null;
    }
}
