package org.shouhu.sim.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.internal.LatencyHistogram;
import org.shouhu.sim.load.LinkCounts;

/**
 * The lines a {@code load} process running one slice of a split fleet writes to standard output for the process that
 * started it ({@code load --processes N}), one value per line, space-separated fields, and their parsing. Other lines
 * are not reports. Immutable values; the parsing is stateless.
 */
final class SliceReport {

    /** One line of the report. */
    sealed interface Line permits Status, Ramp, Memory {
    }

    /**
     * The slice's counters, what became of its connections and its acknowledgement latencies
     * ({@link LatencyHistogram#snapshot()}); {@code last} on the line written after the bands stopped.
     */
    record Status(boolean last, PublishSummary summary, int connectFailures, LinkCounts links, long[] latencies)
            implements Line {

        Status {
            latencies = latencies.clone();
        }

        @Override
        public long[] latencies() {
            return latencies.clone();
        }
    }

    /** Every band of the slice has tried to connect, in {@code took}. */
    record Ramp(int connected, int connectFailures, Duration took) implements Line {
    }

    /** The slice's memory at a point of the run ({@code connected} after the ramp, {@code stopping} at the end). */
    record Memory(String phase, MemoryUse use) implements Line {
    }

    private static final String STATUS = "@slice-status";
    private static final String LAST = "@slice-last";
    private static final String RAMP = "@slice-ramp";
    private static final String MEMORY = "@slice-memory";

    private SliceReport() {
    }

    static String format(Line line) {
        if (line instanceof Status s) {
            PublishSummary p = s.summary();
            return String.join(" ", s.last() ? LAST : STATUS, "" + p.connected(), "" + p.devices(), "" + p.sent(),
                    "" + p.acknowledged(), "" + p.failed(), "" + p.downlinks(), "" + p.latencyMax().toNanos(),
                    "" + s.connectFailures(), "" + s.links().drops(), "" + s.links().reconnects(),
                    "" + s.links().down(), histogram(s.latencies()));
        }
        if (line instanceof Ramp r) {
            return String.join(" ", RAMP, "" + r.connected(), "" + r.connectFailures(), "" + r.took().toMillis());
        }
        Memory m = (Memory) line;
        MemoryUse u = m.use();
        return String.join(" ", MEMORY, m.phase(), "" + u.heapUsedBytes(), "" + u.heapCommittedBytes(),
                "" + u.nonHeapBytes(), "" + u.rssBytes());
    }

    /** The report on this line, or empty for any other line; a malformed report line is an error. */
    static Optional<Line> parse(String text) {
        String[] f = text.trim().split(" ");
        switch (f[0]) {
            case STATUS, LAST -> {
                expect(f, 13, text);
                PublishSummary summary = new PublishSummary(Long.parseLong(f[3]), Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[6]),
                        Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofNanos(Long.parseLong(f[7])));
                LinkCounts links = new LinkCounts(Long.parseLong(f[9]), Long.parseLong(f[10]),
                        Integer.parseInt(f[11]));
                return Optional.of(new Status(LAST.equals(f[0]), summary, Integer.parseInt(f[8]), links,
                        histogram(f[12])));
            }
            case RAMP -> {
                expect(f, 4, text);
                return Optional.of(new Ramp(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Duration.ofMillis(Long.parseLong(f[3]))));
            }
            case MEMORY -> {
                expect(f, 6, text);
                return Optional.of(new Memory(f[1], new MemoryUse(Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]))));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** The sum of several slices' statuses, with the percentiles of all their latencies together. */
    static PublishSummary total(List<Status> statuses) {
        long sent = 0;
        long acknowledged = 0;
        long failed = 0;
        long downlinks = 0;
        long maxNanos = 0;
        int connected = 0;
        int devices = 0;
        LatencyHistogram latencies = new LatencyHistogram();
        for (Status s : statuses) {
            PublishSummary p = s.summary();
            sent += p.sent();
            acknowledged += p.acknowledged();
            failed += p.failed();
            downlinks += p.downlinks();
            maxNanos = Math.max(maxNanos, p.latencyMax().toNanos());
            connected += p.connected();
            devices += p.devices();
            latencies.add(s.latencies());
        }
        return new PublishSummary(sent, acknowledged, failed, connected, devices, downlinks,
                latencies.percentile(50), latencies.percentile(90), latencies.percentile(99),
                Duration.ofNanos(maxNanos));
    }

    /** What became of every slice's connections together. */
    static LinkCounts links(List<Status> statuses) {
        LinkCounts sum = LinkCounts.NONE;
        for (Status s : statuses) {
            sum = sum.plus(s.links());
        }
        return sum;
    }

    private static void expect(String[] fields, int count, String text) {
        if (fields.length != count) {
            throw new IllegalArgumentException("malformed slice report (" + count + " fields expected): " + text);
        }
    }

    /** Sparse: {@code bucket:count} pairs of the non-empty buckets, comma-separated; {@code -} when all are empty. */
    private static String histogram(long[] counts) {
        StringJoiner joined = new StringJoiner(",");
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                joined.add(i + ":" + counts[i]);
            }
        }
        return joined.length() == 0 ? "-" : joined.toString();
    }

    private static long[] histogram(String text) {
        if ("-".equals(text)) {
            return new long[0];
        }
        List<long[]> pairs = new ArrayList<>();
        int size = 0;
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            long[] p = {Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1))};
            pairs.add(p);
            size = Math.max(size, (int) p[0] + 1);
        }
        long[] counts = new long[size];
        for (long[] p : pairs) {
            counts[(int) p[0]] = p[1];
        }
        return counts;
    }
}
