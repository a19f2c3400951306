package org.shouhu.sim.scenario;

import java.util.Optional;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;

/** A device named in a scenario: by its index in the generated region (0-based) or by its 15-digit IMEI. */
public sealed interface DeviceRef {

    /** The child of the plan this reference names, if the plan has it. */
    Optional<DeviceAssignment> resolve(RegionPlan plan);

    record ByIndex(int index) implements DeviceRef {
        public ByIndex {
            if (index < 0) {
                throw new IllegalArgumentException("device index must be >= 0: " + index);
            }
        }

        @Override
        public Optional<DeviceAssignment> resolve(RegionPlan plan) {
            return index < plan.devices().size() ? Optional.of(plan.devices().get(index)) : Optional.empty();
        }

        @Override
        public String toString() {
            return "device " + index;
        }
    }

    record ByImei(DeviceId id) implements DeviceRef {
        @Override
        public Optional<DeviceAssignment> resolve(RegionPlan plan) {
            return plan.device(id);
        }

        @Override
        public String toString() {
            return "device " + id;
        }
    }
}
