package org.shouhu.geofence.internal;

import java.time.Duration;
import java.time.Instant;
import org.shouhu.geofence.DebouncePolicy;
import org.shouhu.geofence.Presence;
import org.shouhu.geofence.ZoneMembership;
import org.shouhu.geofence.ZonePolicy;

/** The debounce state machine of one device in one zone: pure functions over {@link ZoneMembership}. */
public final class PresenceDebouncer {

    private PresenceDebouncer() {
    }

    /**
     * The standing after one observation in fix-time order. An UNKNOWN observation changes nothing; one equal to
     * the confirmed presence cancels any pending change; a different one counts toward the change and confirms it
     * once the policy's fixes and dwell are reached.
     */
    public static ZoneMembership observe(ZoneMembership m, Presence observed, Instant fixTime, ZonePolicy policy) {
        if (observed == Presence.UNKNOWN) {
            return m;
        }
        Instant lastInside = observed == Presence.INSIDE ? fixTime : m.lastInsideAt();
        if (observed == m.confirmed()) {
            if (m.pending() == Presence.UNKNOWN && lastInside == m.lastInsideAt()) {
                return m;
            }
            return new ZoneMembership(observed, Presence.UNKNOWN, 0, null, lastInside);
        }
        DebouncePolicy debounce = observed == Presence.INSIDE ? policy.toInside() : policy.toOutside();
        boolean continuing = m.pending() == observed;
        int count = continuing ? m.pendingFixes() + 1 : 1;
        Instant since = continuing ? m.pendingSince() : fixTime;
        if (count >= debounce.fixes() && Duration.between(since, fixTime).compareTo(debounce.dwell()) >= 0) {
            return new ZoneMembership(observed, Presence.UNKNOWN, 0, null, lastInside);
        }
        return new ZoneMembership(m.confirmed(), observed, count, since, lastInside);
    }
}
