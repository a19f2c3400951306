package org.shouhu.sim.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with logarithmic buckets 2 % wide, from 1 microsecond to about 20 minutes (longer
 * values land in the last bucket). Percentiles are reported as the upper bound of their bucket, so they are at most
 * 2 % high. Thread-safe.
 */
public final class LatencyHistogram {

    private static final double RATIO = 1.02;
    private static final double LOG_RATIO = Math.log(RATIO);
    private static final int BUCKETS = 1_050;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(Duration latency) {
        long micros = Math.max(1, latency.toNanos() / 1_000);
        int bucket = (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(micros) / LOG_RATIO));
        counts.incrementAndGet(bucket);
    }

    /** The count of every bucket, in bucket order: what {@link #add(long[])} of another histogram takes. */
    public long[] snapshot() {
        long[] snapshot = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
        }
        return snapshot;
    }

    /** Adds the samples of another histogram, given as its {@link #snapshot()} (a shorter array adds its prefix). */
    public void add(long[] snapshot) {
        if (snapshot.length > BUCKETS) {
            throw new IllegalArgumentException("a histogram has at most " + BUCKETS + " buckets: " + snapshot.length);
        }
        for (int i = 0; i < snapshot.length; i++) {
            if (snapshot[i] < 0) {
                throw new IllegalArgumentException("negative count in bucket " + i + ": " + snapshot[i]);
            }
            if (snapshot[i] != 0) {
                counts.addAndGet(i, snapshot[i]);
            }
        }
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The latency below which {@code percentile} (0..100) of the samples fall, or zero without samples. */
    public Duration percentile(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be 0..100: " + percentile);
        }
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percentile / 100.0));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return Duration.ofNanos((long) (Math.pow(RATIO, i) * 1_000));
            }
        }
        return Duration.ofNanos((long) (Math.pow(RATIO, BUCKETS - 1) * 1_000));
    }
}
