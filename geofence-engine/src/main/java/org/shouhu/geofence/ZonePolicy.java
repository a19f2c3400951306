package org.shouhu.geofence;

import java.time.Duration;
import java.util.Objects;

/**
 * How presence in zones of one kind is decided.
 *
 * @param toInside  debounce before outside becomes inside
 * @param toOutside debounce before inside becomes outside
 * @param bias      how a straddling accuracy circle is read
 */
public record ZonePolicy(DebouncePolicy toInside, DebouncePolicy toOutside, AccuracyBias bias) {

    /** Homes, schools, custom zones: 3 fixes over 60 s either way; straddling is unknown. */
    public static final ZonePolicy STEADY = new ZonePolicy(new DebouncePolicy(3, Duration.ofSeconds(60)),
            new DebouncePolicy(3, Duration.ofSeconds(60)), AccuracyBias.STRICT);

    /**
     * Danger zones: the first fix possibly inside warns; leaving (which re-arms the warning) needs 3 fixes over
     * 2 minutes, so jitter at a river bank does not warn again and again.
     */
    public static final ZonePolicy DANGER = new ZonePolicy(DebouncePolicy.IMMEDIATE,
            new DebouncePolicy(3, Duration.ofMinutes(2)), AccuracyBias.POSSIBLY_INSIDE);

    public ZonePolicy {
        Objects.requireNonNull(toInside, "toInside");
        Objects.requireNonNull(toOutside, "toOutside");
        Objects.requireNonNull(bias, "bias");
    }
}
