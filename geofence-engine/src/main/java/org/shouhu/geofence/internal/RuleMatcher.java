package org.shouhu.geofence.internal;

import java.util.List;
import org.shouhu.geofence.GeofenceEvent;
import org.shouhu.geofence.Presence;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.protocol.DeviceId;

/** Turns a device's confirmed transitions into the events of the rules that watch them. Stateless. */
public final class RuleMatcher {

    private RuleMatcher() {
    }

    /** Appends the events the transition raises under the catalog's rules. */
    public static void eventsFor(DeviceId device, Transition t, boolean late, Catalog catalog,
                                 List<GeofenceEvent> out) {
        Zone zone = t.zone();
        if (t.to() == Presence.INSIDE) {
            if (zone.kind() == ZoneKind.DANGER) {
                for (Rule.EnteredDanger rule : catalog.dangerRules()) {
                    if (rule.covers(device, zone) && rule.watches(zone.dangerKind())
                            && rule.schedule().isActive(t.fix().time(), zone.timeZone())) {
                        out.add(new GeofenceEvent.EnteredDangerZone(rule.id(), zone.id(), zone.dangerKind(), device,
                                t.fix(), t.crossed(), rule.guardians(), late));
                    }
                }
            }
            if (!t.crossed()) {
                for (Rule.ZoneActivity rule : catalog.activityRules(zone.id())) {
                    if (rule.covers(device, zone)) {
                        out.add(new GeofenceEvent.EnteredZone(rule.id(), zone.id(), device, t.fix(),
                                rule.guardians(), late));
                    }
                }
            }
        } else {
            for (Rule.LeftZone rule : catalog.leftZoneRules(zone.id())) {
                if (rule.covers(device, zone) && rule.schedule().isActive(t.fix().time(), zone.timeZone())) {
                    out.add(new GeofenceEvent.LeftZone(rule.id(), zone.id(), device, t.fix(), rule.guardians(), late));
                }
            }
            for (Rule.ZoneActivity rule : catalog.activityRules(zone.id())) {
                if (rule.covers(device, zone)) {
                    out.add(new GeofenceEvent.ExitedZone(rule.id(), zone.id(), device, t.fix(), rule.guardians(), late));
                }
            }
        }
    }
}
