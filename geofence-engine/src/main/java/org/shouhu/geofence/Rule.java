package org.shouhu.geofence;

import java.time.LocalTime;
import java.util.Objects;
import java.util.Set;
import org.shouhu.protocol.DeviceId;

/**
 * What the engine watches for and whom it tells. Rules are separate from zones (one school zone, one rule per class
 * or per family) and refer to zones by id. Every rule names the guardians to tell ({@link #guardians()}) and the devices
 * it covers ({@link #devices()}; empty means every device its zone serves). Immutable values.
 */
public sealed interface Rule {

    /** Unique rule id. */
    String id();

    /** Devices the rule covers; empty means every device the zone serves. */
    Set<DeviceId> devices();

    /** Guardian ids to tell when the rule fires (at least one). */
    Set<String> guardians();

    /** Whether the rule covers this device in this zone. */
    default boolean covers(DeviceId device, Zone zone) {
        return devices().isEmpty() ? zone.serves(device) : devices().contains(device) && zone.serves(device);
    }

    /** The child left the zone while the schedule says it should be inside (school during school hours). */
    record LeftZone(String id, String zoneId, Schedule schedule, Set<DeviceId> devices, Set<String> guardians)
            implements Rule {
        public LeftZone {
            Checks.common(id, devices, guardians);
            Zone.requireId(zoneId);
            Objects.requireNonNull(schedule, "schedule");
            devices = Set.copyOf(devices);
            guardians = Set.copyOf(guardians);
        }
    }

    /** The child entered a danger zone of one of the kinds (empty: any kind) while the schedule is active. */
    record EnteredDanger(String id, Set<DangerKind> dangerKinds, Schedule schedule, Set<DeviceId> devices,
                         Set<String> guardians) implements Rule {
        public EnteredDanger {
            Checks.common(id, devices, guardians);
            Objects.requireNonNull(schedule, "schedule");
            dangerKinds = Set.copyOf(dangerKinds);
            devices = Set.copyOf(devices);
            guardians = Set.copyOf(guardians);
        }

        /** Whether the rule watches this danger kind. */
        public boolean watches(DangerKind kind) {
            return dangerKinds.isEmpty() || dangerKinds.contains(kind);
        }
    }

    /**
     * The child was not seen inside the zone between {@code from} and {@code deadline} on a day the schedule runs
     * (not at school by 08:30 on a school day). Checked by {@link GeofenceEngine#onTick}; devices default to the
     * zone's children, so the zone or the rule must name them.
     */
    record MissedArrival(String id, String zoneId, LocalTime from, LocalTime deadline, Schedule days,
                         Set<DeviceId> devices, Set<String> guardians) implements Rule {
        public MissedArrival {
            Checks.common(id, devices, guardians);
            Zone.requireId(zoneId);
            Objects.requireNonNull(days, "days");
            if (!from.isBefore(deadline)) {
                throw new IllegalArgumentException("rule " + id + ": from " + from + " must be before deadline " + deadline);
            }
            devices = Set.copyOf(devices);
            guardians = Set.copyOf(guardians);
        }
    }

    /** The child is not inside the zone (home) at {@code at} on a day the schedule runs. Checked by onTick. */
    record Curfew(String id, String zoneId, LocalTime at, Schedule days, Set<DeviceId> devices, Set<String> guardians)
            implements Rule {
        public Curfew {
            Checks.common(id, devices, guardians);
            Zone.requireId(zoneId);
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(days, "days");
            devices = Set.copyOf(devices);
            guardians = Set.copyOf(guardians);
        }
    }

    /** Informational: the child entered or left the zone ({@code zoneId} null: any zone serving the child). */
    record ZoneActivity(String id, String zoneId, Set<DeviceId> devices, Set<String> guardians) implements Rule {
        public ZoneActivity {
            Checks.common(id, devices, guardians);
            if (zoneId != null) {
                Zone.requireId(zoneId);
            }
            devices = Set.copyOf(devices);
            guardians = Set.copyOf(guardians);
        }
    }

    /** Shared validation of the rule records. */
    final class Checks {
        private Checks() {
        }

        static void common(String id, Set<DeviceId> devices, Set<String> guardians) {
            Zone.requireId(id);
            Objects.requireNonNull(devices, "devices");
            Objects.requireNonNull(guardians, "guardians");
            if (guardians.isEmpty()) {
                throw new IllegalArgumentException("rule " + id + " tells nobody: guardians is empty");
            }
            for (String guardian : guardians) {
                if (guardian == null || guardian.isBlank()) {
                    throw new IllegalArgumentException("rule " + id + " has a blank guardian id");
                }
            }
        }
    }
}
