package org.shouhu.sim.bench;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one bench run measures and for how long.
 *
 * @param warmup           load before each measurement window starts
 * @param window           length of each measurement window
 * @param ingestRate       fixed rate for the platform phase, or empty for as fast as the broker acknowledges
 * @param flatOutWindow    unacknowledged messages per connection when publishing flat out
 * @param rawSubscribers   connections of the broker-only subscriber (the platform's ingest also shares one group)
 * @param copyBatchRows    rows per COPY transaction of the database-only measurement
 * @param sosPresses       SOS presses during the half-load phase, each on another band
 * @param sosPerSecond     how often SOS is pressed during the half-load phase
 * @param sosTimeout       how long a press may take to reach the receiver before it counts as missing
 */
public record BenchPlan(Duration warmup, Duration window, OptionalDouble ingestRate, int flatOutWindow,
                        int rawSubscribers, int copyBatchRows, int sosPresses, double sosPerSecond,
                        Duration sosTimeout) {

    public BenchPlan {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(ingestRate, "ingestRate");
        Objects.requireNonNull(sosTimeout, "sosTimeout");
        if (window.toMillis() < 1_000) {
            throw new IllegalArgumentException("measurement window must be at least 1s: " + window);
        }
        if (ingestRate.isPresent() && !(ingestRate.getAsDouble() > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + ingestRate.getAsDouble());
        }
        if (flatOutWindow < 1 || flatOutWindow > 1_000) {
            throw new IllegalArgumentException("window per connection must be 1..1000: " + flatOutWindow);
        }
        if (rawSubscribers < 1 || rawSubscribers > 64) {
            throw new IllegalArgumentException("raw subscribers must be 1..64: " + rawSubscribers);
        }
        if (copyBatchRows < 1 || copyBatchRows > 1_000_000) {
            throw new IllegalArgumentException("COPY batch must be 1..1000000 rows: " + copyBatchRows);
        }
        if (sosPresses < 0 || !(sosPerSecond > 0)) {
            throw new IllegalArgumentException("SOS presses must be >= 0 at a positive rate: " + sosPresses + " at "
                    + sosPerSecond + "/s");
        }
    }
}
