package org.shouhu.sim.model;

import java.util.Objects;
import org.shouhu.sim.region.GeoPoint;

/** Where a child truly is at an instant (before any GNSS error), how fast it moves, and what it is doing. */
public record Whereabouts(GeoPoint position, double speedMps, double headingDegrees, Activity activity) {

    /** Below this ground speed a child counts as still, and the band reports less often. */
    public static final double MOVING_THRESHOLD_MPS = 0.3;

    public Whereabouts {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(activity, "activity");
        if (!(speedMps >= 0)) {
            throw new IllegalArgumentException("speed must be >= 0: " + speedMps);
        }
        if (!(headingDegrees >= 0 && headingDegrees < 360)) {
            throw new IllegalArgumentException("heading must be in 0..<360: " + headingDegrees);
        }
    }

    public static Whereabouts still(GeoPoint position, Activity activity) {
        return new Whereabouts(position, 0, 0, activity);
    }

    public boolean moving() {
        return speedMps >= MOVING_THRESHOLD_MPS;
    }
}
