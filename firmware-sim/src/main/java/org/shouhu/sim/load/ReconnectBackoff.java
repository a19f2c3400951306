package org.shouhu.sim.load;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How long a band whose connection dropped waits before its next attempt: exponential from {@code first}, doubling
 * after every failed attempt up to {@code longest}, and drawn uniformly from the upper half of that, so that bands
 * that lost their broker together do not come back together.
 *
 * @param first    the nominal wait before the first attempt
 * @param longest  the largest nominal wait
 */
record ReconnectBackoff(Duration first, Duration longest) {

    /** One second, doubling up to two minutes. */
    static final ReconnectBackoff DEFAULT = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofMinutes(2));

    ReconnectBackoff {
        if (first.toMillis() < 1 || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff must be 1 ms or more and at most its longest: " + first
                    + ", " + longest);
        }
    }

    /** The wait before the next attempt after {@code failedAttempts} failed ones. */
    Duration delay(int failedAttempts, SplittableRandom random) {
        long nominal = first.toMillis() << Math.min(failedAttempts, 30);
        if (nominal <= 0 || nominal > longest.toMillis()) {
            nominal = longest.toMillis();
        }
        return Duration.ofMillis(nominal / 2 + random.nextLong(nominal - nominal / 2 + 1));
    }
}
