package org.shouhu.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock for simulated time: starts at {@code simulatedStart} when created and runs {@code factor} times faster
 * than the underlying clock (60 runs an hour in a minute; a school day of 10 hours in 10 minutes). Immutable and
 * thread-safe.
 */
public final class AcceleratedClock extends Clock {

    private final Clock base;
    private final Instant baseStart;
    private final Instant simulatedStart;
    private final double factor;

    public AcceleratedClock(Clock base, Instant simulatedStart, double factor) {
        this(base, base.instant(), simulatedStart, factor);
    }

    private AcceleratedClock(Clock base, Instant baseStart, Instant simulatedStart, double factor) {
        this.base = Objects.requireNonNull(base, "base");
        this.baseStart = baseStart;
        this.simulatedStart = Objects.requireNonNull(simulatedStart, "simulatedStart");
        if (!(factor > 0 && factor <= 1_000_000)) {
            throw new IllegalArgumentException("acceleration factor must be in (0, 1000000]: " + factor);
        }
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }

    /** How long {@code simulated} takes on the underlying clock. */
    public Duration realDuration(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / factor));
    }

    @Override
    public Instant instant() {
        long elapsedNanos = Duration.between(baseStart, base.instant()).toNanos();
        return simulatedStart.plusNanos((long) (elapsedNanos * factor));
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AcceleratedClock(base.withZone(zone), baseStart, simulatedStart, factor);
    }
}
