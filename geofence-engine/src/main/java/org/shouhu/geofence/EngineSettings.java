package org.shouhu.geofence;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Tunables of the {@link GeofenceEngine}.
 *
 * @param policies                   per zone kind; every kind must be present
 * @param maxAccuracyMetres          fixes with a larger accuracy radius decide nothing at all
 * @param possiblyInsideMaxAccuracy  the {@link AccuracyBias#POSSIBLY_INSIDE} bias applies only to fixes at least this
 *                                   accurate (a 1 km cell fix "possibly in the river" is noise, not a warning)
 * @param crossingMaxGap             two consecutive fixes further apart in time are not joined to detect a crossing
 * @param crossingMaxAccuracy        both fixes must be at least this accurate to detect a crossing
 * @param deadlineGrace              a deadline rule still fires this long after its deadline (e.g. after a restart)
 */
public record EngineSettings(Map<ZoneKind, ZonePolicy> policies, int maxAccuracyMetres, int possiblyInsideMaxAccuracy,
                             Duration crossingMaxGap, int crossingMaxAccuracy, Duration deadlineGrace) {

    public static final EngineSettings DEFAULT = new EngineSettings(Map.of(
            ZoneKind.HOME, ZonePolicy.STEADY,
            ZoneKind.SCHOOL, ZonePolicy.STEADY,
            ZoneKind.CUSTOM, ZonePolicy.STEADY,
            ZoneKind.DANGER, ZonePolicy.DANGER),
            2_000, 100, Duration.ofMinutes(5), 50, Duration.ofHours(3));

    public EngineSettings {
        policies = new EnumMap<>(Map.copyOf(policies));
        for (ZoneKind kind : ZoneKind.values()) {
            if (!policies.containsKey(kind)) {
                throw new IllegalArgumentException("no zone policy for " + kind);
            }
        }
        Objects.requireNonNull(crossingMaxGap, "crossingMaxGap");
        Objects.requireNonNull(deadlineGrace, "deadlineGrace");
        if (maxAccuracyMetres < 0 || possiblyInsideMaxAccuracy < 0 || crossingMaxAccuracy < 0) {
            throw new IllegalArgumentException("accuracy limits must not be negative");
        }
    }

    /** The policy for zones of this kind. */
    public ZonePolicy policy(ZoneKind kind) {
        return policies.get(kind);
    }

    /** These settings with one kind's policy replaced. */
    public EngineSettings with(ZoneKind kind, ZonePolicy policy) {
        Map<ZoneKind, ZonePolicy> copy = new EnumMap<>(policies);
        copy.put(kind, policy);
        return new EngineSettings(copy, maxAccuracyMetres, possiblyInsideMaxAccuracy, crossingMaxGap,
                crossingMaxAccuracy, deadlineGrace);
    }
}
