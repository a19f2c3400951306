package org.shouhu.sim.load;

/**
 * Paces new connections, the ramp's and the reconnections alike: a token bucket filled at the connection rate that
 * holds at most a tenth of a second's worth, so that a pause of the event loop (a collection, a busy machine) or a
 * broker coming back is not followed by a burst of CONNECTs. Not thread-safe: one event loop uses it.
 */
final class ConnectRateLimiter {

    private final double perNanosecond;
    private final double burst;
    private double tokens;
    private long filledAtNanos;

    ConnectRateLimiter(double perSecond, long nowNanos) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("connection rate must be positive: " + perSecond);
        }
        this.perNanosecond = perSecond / 1e9;
        this.burst = Math.max(1, perSecond / 10);
        this.tokens = 1;
        this.filledAtNanos = nowNanos;
    }

    /** Takes one connection's permit if one is free at {@code nowNanos}. */
    boolean tryAcquire(long nowNanos) {
        if (nowNanos > filledAtNanos) {
            tokens = Math.min(burst, tokens + (nowNanos - filledAtNanos) * perNanosecond);
            filledAtNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
