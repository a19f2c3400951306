package org.shouhu.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.internal.LatencyHistogram;
import org.shouhu.sim.load.LinkCounts;

class SliceReportTest {

    @Test
    void every_kind_of_line_reads_back_as_written() {
        LatencyHistogram latencies = histogram(3, 7, 7, 40);
        SliceReport.Status status = new SliceReport.Status(true, summary(5, 100, 98, 1, 2, 120), 3,
                new LinkCounts(7, 6, 1), latencies.snapshot());
        SliceReport.Ramp ramp = new SliceReport.Ramp(16_667, 2, Duration.ofMillis(98_765));
        SliceReport.Memory memory = new SliceReport.Memory("connected", new MemoryUse(190L << 20, 313L << 20,
                23L << 20, 360L << 20));

        SliceReport.Status statusRead = (SliceReport.Status) read(status);
        assertThat(statusRead.last()).isTrue();
        assertThat(statusRead.summary()).usingRecursiveComparison()
                .ignoringFields("latencyP50", "latencyP90", "latencyP99").isEqualTo(status.summary());
        assertThat(statusRead.connectFailures()).isEqualTo(3);
        assertThat(statusRead.links()).isEqualTo(new LinkCounts(7, 6, 1));
        assertThat(SliceReport.total(List.of(statusRead)).latencyP99()).isEqualTo(latencies.percentile(99));
        assertThat(read(ramp)).isEqualTo(ramp);
        assertThat(read(memory)).isEqualTo(memory);
    }

    @Test
    void totals_add_the_counters_and_take_percentiles_over_every_slice_s_latencies() {
        LatencyHistogram fast = histogram(1, 1, 1, 1);
        LatencyHistogram slow = histogram(100, 100, 100, 100);
        SliceReport.Status a = new SliceReport.Status(false, summary(10, 4, 4, 0, 1, 1), 0, new LinkCounts(3, 2, 1),
                fast.snapshot());
        SliceReport.Status b = new SliceReport.Status(false, summary(7, 4, 3, 1, 0, 100), 2, new LinkCounts(4, 4, 0),
                slow.snapshot());

        PublishSummary total = SliceReport.total(List.of((SliceReport.Status) read(a), (SliceReport.Status) read(b)));

        assertThat(total.connected()).isEqualTo(17);
        assertThat(total.devices()).isEqualTo(20);
        assertThat(total.sent()).isEqualTo(8);
        assertThat(total.acknowledged()).isEqualTo(7);
        assertThat(total.failed()).isEqualTo(1);
        assertThat(total.downlinks()).isEqualTo(1);
        assertThat(total.latencyMax()).isEqualTo(Duration.ofMillis(100));
        assertThat(total.latencyP50().toMillis()).isEqualTo(1);
        assertThat(total.latencyP90().toMillis()).isBetween(100L, 102L);
        assertThat(SliceReport.links(List.of((SliceReport.Status) read(a), (SliceReport.Status) read(b))))
                .isEqualTo(new LinkCounts(7, 6, 1));
    }

    @Test
    void other_lines_are_not_reports_and_a_broken_report_is_an_error() {
        assertThat(SliceReport.parse("16666 bands (0..16665), seed 1, connecting")).isEmpty();
        assertThrows(IllegalArgumentException.class, () -> SliceReport.parse("@slice-ramp 12"));
    }

    private static SliceReport.Line read(SliceReport.Line line) {
        return SliceReport.parse(SliceReport.format(line)).orElseThrow();
    }

    private static PublishSummary summary(int connected, long sent, long acknowledged, long failed, long downlinks,
                                          long maxMillis) {
        return new PublishSummary(sent, acknowledged, failed, connected, 10, downlinks, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ofMillis(maxMillis));
    }

    private static LatencyHistogram histogram(long... millis) {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long ms : millis) {
            histogram.record(Duration.ofMillis(ms));
        }
        return histogram;
    }
}
