package org.shouhu.geofence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;

/**
 * Something a guardian must be told, decided by the {@link GeofenceEngine}. Each event names the rule that fired,
 * the zone, the device, the fix that decided it (or the last known fix for deadline events, possibly none), when it
 * happened in event time, and the guardians to tell. Immutable values.
 */
public sealed interface GeofenceEvent {

    String ruleId();

    String zoneId();

    DeviceId device();

    EventKind kind();

    /** When it happened: the deciding fix's time, or the deadline. */
    Instant at();

    /** Guardian ids from the rule. */
    Set<String> guardians();

    /** The child left the zone during the rule's schedule. {@code late}: decided from fixes uploaded late. */
    record LeftZone(String ruleId, String zoneId, DeviceId device, Fix fix, Set<String> guardians, boolean late)
            implements GeofenceEvent {
        public LeftZone {
            Objects.requireNonNull(fix, "fix");
        }

        @Override
        public EventKind kind() {
            return EventKind.LEFT_ZONE;
        }

        @Override
        public Instant at() {
            return fix.time();
        }
    }

    /**
     * The child entered (or, by the accuracy bias of danger zones, possibly entered) a danger zone.
     * {@code crossedBetweenFixes}: no fix was inside, but the straight path between the previous fix and {@code fix}
     * crosses the zone.
     */
    record EnteredDangerZone(String ruleId, String zoneId, DangerKind dangerKind, DeviceId device, Fix fix,
                             boolean crossedBetweenFixes, Set<String> guardians, boolean late) implements GeofenceEvent {
        public EnteredDangerZone {
            Objects.requireNonNull(fix, "fix");
            Objects.requireNonNull(dangerKind, "dangerKind");
        }

        @Override
        public EventKind kind() {
            return EventKind.ENTERED_DANGER_ZONE;
        }

        @Override
        public Instant at() {
            return fix.time();
        }
    }

    /** The child was not seen in the zone by the deadline of {@code day}. {@code lastFix} may be null. */
    record MissedArrival(String ruleId, String zoneId, DeviceId device, LocalDate day, Instant deadline, Fix lastFix,
                         Set<String> guardians) implements GeofenceEvent {
        @Override
        public EventKind kind() {
            return EventKind.MISSED_ARRIVAL;
        }

        @Override
        public Instant at() {
            return deadline;
        }
    }

    /** The child was not in the zone at the curfew of {@code day}. {@code lastFix} may be null. */
    record CurfewMissed(String ruleId, String zoneId, DeviceId device, LocalDate day, Instant curfew, Fix lastFix,
                        Set<String> guardians) implements GeofenceEvent {
        @Override
        public EventKind kind() {
            return EventKind.CURFEW_MISSED;
        }

        @Override
        public Instant at() {
            return curfew;
        }
    }

    /** Informational: the child entered the zone. */
    record EnteredZone(String ruleId, String zoneId, DeviceId device, Fix fix, Set<String> guardians, boolean late)
            implements GeofenceEvent {
        @Override
        public EventKind kind() {
            return EventKind.ENTERED_ZONE;
        }

        @Override
        public Instant at() {
            return fix.time();
        }
    }

    /** Informational: the child left the zone. */
    record ExitedZone(String ruleId, String zoneId, DeviceId device, Fix fix, Set<String> guardians, boolean late)
            implements GeofenceEvent {
        @Override
        public EventKind kind() {
            return EventKind.EXITED_ZONE;
        }

        @Override
        public Instant at() {
            return fix.time();
        }
    }
}
