package org.shouhu.sim.bench;

import java.time.Duration;
import java.util.Objects;

/** A count over a measured span of time. */
public record Rate(long count, Duration span) {

    public Rate {
        Objects.requireNonNull(span, "span");
        if (count < 0 || span.isNegative()) {
            throw new IllegalArgumentException("count and span must not be negative: " + count + " in " + span);
        }
    }

    public double perSecond() {
        return span.isZero() ? 0 : count / (span.toNanos() / 1e9);
    }

    /** This rate as a fraction of another (e.g. of the raw limit); 0 when the other is zero. */
    public double ratioTo(Rate limit) {
        return limit.perSecond() == 0 ? 0 : perSecond() / limit.perSecond();
    }
}
