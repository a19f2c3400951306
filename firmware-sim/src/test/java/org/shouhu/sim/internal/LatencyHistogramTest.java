package org.shouhu.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentiles_are_within_two_percent_above_the_true_value() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            histogram.record(Duration.ofMillis(ms));
        }

        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.percentile(50).toNanos()).isBetween(50_000_000L, 51_000_000L);
        assertThat(histogram.percentile(99).toNanos()).isBetween(99_000_000L, 101_000_000L);
        assertThat(histogram.percentile(100).toNanos()).isBetween(100_000_000L, 102_000_000L);
    }

    @Test
    void empty_histogram_reports_zero() {
        assertThat(new LatencyHistogram().percentile(99)).isEqualTo(Duration.ZERO);
    }

    @Test
    void merged_snapshots_give_the_percentiles_of_all_samples_together() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int ms = 1; ms <= 50; ms++) {
            fast.record(Duration.ofMillis(ms));
            slow.record(Duration.ofMillis(50 + ms));
        }

        LatencyHistogram merged = new LatencyHistogram();
        merged.add(fast.snapshot());
        merged.add(slow.snapshot());

        assertThat(merged.count()).isEqualTo(100);
        assertThat(merged.percentile(50).toNanos()).isBetween(50_000_000L, 51_000_000L);
        assertThat(merged.percentile(99).toNanos()).isBetween(99_000_000L, 101_000_000L);
    }
}
