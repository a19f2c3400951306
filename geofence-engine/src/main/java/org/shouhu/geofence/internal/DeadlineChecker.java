package org.shouhu.geofence.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.shouhu.geofence.GeofenceEvent;
import org.shouhu.geofence.Presence;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Schedule;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneMembership;
import org.shouhu.protocol.DeviceId;

/**
 * Decides the deadline rules (missed arrival, curfew) at a tick: once per rule, device and local day, at the first
 * tick at or after the deadline and no later than the grace period after it. Stateless; the decided days live in
 * the device trackers.
 */
public final class DeadlineChecker {

    private DeadlineChecker() {
    }

    /**
     * Checks every deadline rule of the catalog at {@code now}.
     *
     * @param devices   the devices to decide for; the others are left for another check
     * @param trackerOf gives (creating if needed) the tracker of a device
     * @param decided   called with each tracker whose state changed, while its lock is held
     */
    public static void check(Instant now, Catalog catalog, Duration grace, Predicate<DeviceId> devices,
                             Function<DeviceId, DeviceTracker> trackerOf, Consumer<DeviceTracker> decided,
                             List<GeofenceEvent> out) {
        for (Rule rule : catalog.deadlineRules()) {
            String zoneId = rule instanceof Rule.MissedArrival m ? m.zoneId() : ((Rule.Curfew) rule).zoneId();
            Zone zone = catalog.zone(zoneId);
            if (zone == null) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(now, zone.timeZone());
            Schedule days = rule instanceof Rule.MissedArrival m ? m.days() : ((Rule.Curfew) rule).days();
            LocalTime at = rule instanceof Rule.MissedArrival m ? m.deadline() : ((Rule.Curfew) rule).at();
            Instant deadline = day.atTime(at).atZone(zone.timeZone()).toInstant();
            if (!days.runsOn(day) || now.isBefore(deadline) || now.isAfter(deadline.plus(grace))) {
                continue;
            }
            Set<DeviceId> watched = rule.devices().isEmpty() ? zone.children() : rule.devices();
            for (DeviceId device : watched) {
                if (!zone.serves(device) || !devices.test(device)) {
                    continue;
                }
                DeviceTracker tracker = trackerOf.apply(device);
                synchronized (tracker) {
                    if (day.equals(tracker.deadlineDone(rule.id()))) {
                        continue;
                    }
                    ZoneMembership m = tracker.membership(zone.id());
                    if (rule instanceof Rule.MissedArrival arrival) {
                        Instant from = day.atTime(arrival.from()).atZone(zone.timeZone()).toInstant();
                        if (!arrived(m, from, deadline)) {
                            out.add(new GeofenceEvent.MissedArrival(rule.id(), zone.id(), device, day, deadline,
                                    tracker.lastFix(), rule.guardians()));
                        }
                    } else if (!isInside(m)) {
                        out.add(new GeofenceEvent.CurfewMissed(rule.id(), zone.id(), device, day, deadline,
                                tracker.lastFix(), rule.guardians()));
                    }
                    tracker.markDeadlineDone(rule.id(), day);
                    decided.accept(tracker);
                }
            }
        }
    }

    /** Seen inside during the window, or inside (or becoming inside) now. */
    private static boolean arrived(ZoneMembership m, Instant from, Instant deadline) {
        Instant seen = m.lastInsideAt();
        return isInside(m) || (seen != null && !seen.isBefore(from) && !seen.isAfter(deadline));
    }

    private static boolean isInside(ZoneMembership m) {
        return m.confirmed() == Presence.INSIDE || m.pending() == Presence.INSIDE;
    }
}
