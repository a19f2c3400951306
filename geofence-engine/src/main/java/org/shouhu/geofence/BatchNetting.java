package org.shouhu.geofence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouhu.geofence.internal.DeviceTracker;
import org.shouhu.geofence.internal.Transition;
import org.shouhu.protocol.Fix;

/** Keeps, of the transitions a late batch produced, those its end state still supports. Stateless. */
final class BatchNetting {

    private BatchNetting() {
    }

    /**
     * A transition survives when the device's confirmed presence in its zone after the batch is the one the
     * transition went to; of several, the last per zone survives. A crossing survives only if decided by the
     * batch's last fix.
     */
    static List<Transition> supported(List<Transition> transitions, DeviceTracker tracker, Fix last) {
        Map<String, Transition> lastPerZone = new LinkedHashMap<>();
        for (Transition t : transitions) {
            if (t.crossed() && t.fix() != last) {
                continue;
            }
            if (!t.crossed() && tracker.membership(t.zone().id()).confirmed() != t.to()) {
                continue;
            }
            lastPerZone.put(t.zone().id() + (t.crossed() ? "#crossed" : ""), t);
        }
        return new ArrayList<>(lastPerZone.values());
    }
}
