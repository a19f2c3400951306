package org.shouhu.geofence;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;

/**
 * Everything the engine remembers about one device, as persisted through {@link GeofenceStateStore}.
 *
 * @param device          the device
 * @param lastFix         the newest fix applied in fix-time order, or null before the first
 * @param memberships     standing per zone id; zones absent are {@link ZoneMembership#OUTSIDE}
 * @param deadlinesDone   per deadline rule id, the last local date whose deadline was decided (alerted or met)
 */
public record DeviceGeofenceState(DeviceId device, Fix lastFix, Map<String, ZoneMembership> memberships,
                                  Map<String, LocalDate> deadlinesDone) {

    public DeviceGeofenceState {
        Objects.requireNonNull(device, "device");
        memberships = Map.copyOf(memberships);
        deadlinesDone = Map.copyOf(deadlinesDone);
    }
}
