package org.shouhu.sim.region;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.protocol.DeviceId;

/**
 * A generated region: villages, schools, danger spots and the children (devices) living there. Immutable; the same
 * {@link RegionSettings} and device count always give an equal plan.
 */
public record RegionPlan(RegionSettings settings, List<Village> villages, List<School> schools,
                         List<DangerSpot> dangerSpots, List<DeviceAssignment> devices) {

    public RegionPlan {
        Objects.requireNonNull(settings, "settings");
        villages = List.copyOf(villages);
        schools = List.copyOf(schools);
        dangerSpots = List.copyOf(dangerSpots);
        devices = List.copyOf(devices);
    }

    /** The assignment of a device, if the plan has it. */
    public Optional<DeviceAssignment> device(DeviceId id) {
        long index = id.imei() - settings.firstImei();
        if (index < 0 || index >= devices.size()) {
            return Optional.empty();
        }
        return Optional.of(devices.get((int) index));
    }
}
