package org.shouhu.alert.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Retry delays: exponential from {@code base}, doubled per attempt, capped at {@code cap}, with "equal jitter" (a
 * random point in the upper half of the exponential delay) so that receivers recovering from an outage are not hit
 * by every sender at once. A receiver's Retry-After is honoured but capped too, because an SOS must not wait an hour.
 * Pure and thread-safe.
 */
public record Backoff(Duration base, Duration cap) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
    }

    /**
     * The delay before the next attempt.
     *
     * @param failedAttempts how many attempts have failed so far, at least 1
     * @param random         a uniformly random number in [0, 1)
     * @param retryAfter     the receiver's Retry-After, if it sent one
     */
    public Duration delay(int failedAttempts, double random, Optional<Duration> retryAfter) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
        }
        if (!(random >= 0.0 && random < 1.0)) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        long capMillis = cap.toMillis();
        // Shifting past 30 would overflow long millis for long bases; the cap is reached long before.
        long exponential = failedAttempts > 30 ? capMillis
                : Math.min(capMillis, base.toMillis() << (failedAttempts - 1));
        long half = exponential / 2;
        long jittered = half + (long) (random * (exponential - half + 1));
        long delay = Math.min(capMillis, jittered);
        if (retryAfter.isPresent()) {
            delay = Math.max(delay, Math.min(capMillis, retryAfter.get().toMillis()));
        }
        return Duration.ofMillis(delay);
    }
}
