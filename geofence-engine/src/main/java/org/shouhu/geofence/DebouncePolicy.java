package org.shouhu.geofence;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a new presence must hold before it becomes a transition: at least {@code fixes} consecutive deciding
 * fixes (fixes of unknown presence neither count nor reset), spanning at least {@code dwell} of fix time.
 */
public record DebouncePolicy(int fixes, Duration dwell) {

    /** Fires on the first deciding fix. */
    public static final DebouncePolicy IMMEDIATE = new DebouncePolicy(1, Duration.ZERO);

    public DebouncePolicy {
        Objects.requireNonNull(dwell, "dwell");
        if (fixes < 1 || fixes > 1000) {
            throw new IllegalArgumentException("fixes must be 1..1000: " + fixes);
        }
        if (dwell.isNegative()) {
            throw new IllegalArgumentException("dwell must not be negative: " + dwell);
        }
    }
}
