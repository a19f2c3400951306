package org.shouhu.sim.model;

import java.time.Duration;
import java.util.Objects;
import org.shouhu.sim.region.GeoPoint;

/** Something a scenario makes happen to one wristband, on top of its daily routine. */
public sealed interface Intervention {

    /** The child presses SOS. Without a fix the press carries no position (indoors, before any GNSS lock). */
    record PressSos(boolean withFix) implements Intervention {
    }

    /**
     * The child walks from wherever it is to {@code target} at walking pace, stays for {@code stay}, and walks back
     * to where its routine would have it.
     */
    record WalkTo(GeoPoint target, Duration stay) implements Intervention {
        public WalkTo {
            Objects.requireNonNull(target, "target");
            requirePositive(stay, "stay");
        }
    }

    /** The child walks into its nearest danger spot (the river bank of its village) and stays there. */
    record EnterDangerSpot(Duration stay) implements Intervention {
        public EnterDangerSpot {
            requirePositive(stay, "stay");
        }
    }

    /** The band is taken off and left where it is for {@code duration}. */
    record RemoveBand(Duration duration) implements Intervention {
        public RemoveBand {
            requirePositive(duration, "duration");
        }
    }

    /** The band loses the network for {@code duration}; it keeps taking fixes and uploads them late, in batches. */
    record GoOffline(Duration duration) implements Intervention {
        public GoOffline {
            requirePositive(duration, "duration");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
