package org.shouhu.ingest.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff: starts at a minimum, doubles on each failure up to a maximum, resets on success. Not
 * thread-safe; each retrying loop owns one.
 */
public final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;
    private int failures;

    public Backoff(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.nextMillis = minMillis;
    }

    /** The delay to wait after one more failure. */
    public long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        failures++;
        return delay;
    }

    /** Failures since the last reset. */
    public int failures() {
        return failures;
    }

    public void reset() {
        nextMillis = minMillis;
        failures = 0;
    }
}
