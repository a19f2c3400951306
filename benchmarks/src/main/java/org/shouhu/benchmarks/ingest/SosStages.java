package org.shouhu.benchmarks.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.shouhu.ingest.SosTimings;

/**
 * Splits each measured press's latency into the stages it went through, from the harness's stamps (PUBLISH, the
 * request sent to the police, the police's first sight of it) and the ones ingest reports when it acknowledges the
 * press ({@link SosTimings}); all are {@link System#nanoTime()} readings of the same machine. Ingest runs two paths
 * side by side from the SOS event loop: the handler towards the police, and the {@code sos_presses} transaction;
 * the acknowledgement waits for both. Prints p50, p99 and max per stage of each path, and the slowest presses stage
 * by stage with the garbage-collection pauses they overlapped, so that a stall is located rather than guessed.
 */
final class SosStages {

    /** Stage names; each stage runs between two stamps of {@link Trace} (see {@link Trace#stage}). */
    private static final String[] NAMES = {
        "publish -> ingest SOS loop", "loop -> handler called", "-> HTTP request sent", "-> police receiver",
        "total: publish -> police", "loop -> SOS writer thread", "statements", "commit",
        "-> PUBACK (after handler)"};
    /** The stages that make up the latency to the police; the others are the durable path beside it. */
    private static final int POLICE_STAGES = 5;

    /**
     * The stamps of one press: PUBLISH, received on the SOS loop, handler called, request sent, police, writer
     * thread began, commit sent, committed, handler done, acknowledged.
     */
    record Trace(int press, long[] stamps, long brokerWaited, long loopWaited) {

        long stage(int i) {
            return switch (i) {
                case 0 -> stamps[1] - stamps[0];
                case 1 -> stamps[2] - stamps[1];
                case 2 -> stamps[3] - stamps[2];
                case 3 -> stamps[4] - stamps[3];
                case 4 -> stamps[4] - stamps[0];
                case 5 -> stamps[5] - stamps[1];
                case 6 -> stamps[6] - stamps[5];
                case 7 -> stamps[7] - stamps[6];
                case 8 -> stamps[9] - Math.max(stamps[7], stamps[8]);
                default -> throw new IllegalArgumentException("no stage " + i);
            };
        }

        long published() {
            return stamps[0];
        }

        long arrived() {
            return stamps[4];
        }
    }

    private final List<Trace> traces = new ArrayList<>();
    private int incomplete;

    /** Adds one press; a press without every stamp (missing, or not yet acknowledged) is only counted. */
    void add(int press, long published, SosTimings ingest, Long requestSent, Long arrived, long[] waitedAtPublish,
             long[] waitedAtHandler) {
        if (ingest == null || requestSent == null || arrived == null) {
            incomplete++;
            return;
        }
        traces.add(new Trace(press, new long[] {published, ingest.received(), ingest.handlerStarted(), requestSent,
            arrived, ingest.storeStarted(), ingest.commitStarted(), ingest.committed(), ingest.handlerDone(),
            ingest.acknowledged()}, waited(waitedAtPublish, waitedAtHandler, 0), waited(waitedAtPublish,
                waitedAtHandler, 1)));
    }

    /** The per-stage table and the slowest presses, with the collections of {@code gc} they overlapped. */
    String report(GcPauses gc, int slowest) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "SOS stages of %d presses (%d without every stamp), ms:%n",
                traces.size(), incomplete));
        out.append(String.format(Locale.ROOT, "  %-28s %8s %8s %8s%n", "stage", "p50", "p99", "max"));
        for (int s = 0; s < NAMES.length; s++) {
            int stage = s;
            if (s == POLICE_STAGES) {
                out.append(row("  waited for a core: broker", traces.stream().mapToLong(Trace::brokerWaited)
                        .filter(w -> w >= 0).sorted().toArray()));
                out.append(row("  waited for a core: SOS loop", traces.stream().mapToLong(Trace::loopWaited)
                        .filter(w -> w >= 0).sorted().toArray()));
                out.append(String.format(Locale.ROOT, "  beside it, the durable path:%n"));
            }
            out.append(row(NAMES[s], traces.stream().mapToLong(t -> t.stage(stage)).sorted().toArray()));
        }
        List<Trace> slow = traces.stream().sorted(Comparator.comparingLong((Trace t) -> t.stage(POLICE_STAGES - 1))
                .reversed()).limit(slowest).toList();
        out.append(String.format(Locale.ROOT, "slowest %d presses (ms per stage, in the order above; GC: "
                + "stop-the-world time of this JVM within the press):%n", slow.size()));
        for (Trace t : slow) {
            out.append(String.format(Locale.ROOT, "  press %3d:", t.press()));
            for (int s = 0; s < NAMES.length; s++) {
                out.append(String.format(Locale.ROOT, " %7.2f", t.stage(s) / 1e6));
            }
            out.append(String.format(Locale.ROOT, "  GC %.0f ms; to the SOS loop, waiting for a core: broker %s, "
                            + "SOS loop %s%n", gc.pausedNanos(t.published(), t.arrived()) / 1e6,
                    waitedMillis(t.brokerWaited()), waitedMillis(t.loopWaited())));
        }
        if (!traces.isEmpty()) {
            long from = traces.stream().mapToLong(Trace::published).min().orElseThrow();
            List<GcPauses.Pause> pauses = gc.since(from);
            long[] lengths = pauses.stream().mapToLong(p -> p.end() - p.start()).sorted().toArray();
            out.append(String.format(Locale.ROOT, "GC pauses of this JVM during the presses: %d, total %.0f ms, "
                            + "longest %.0f ms%n", lengths.length, Arrays.stream(lengths).sum() / 1e6,
                    lengths.length == 0 ? 0.0 : lengths[lengths.length - 1] / 1e6));
        }
        return out.toString();
    }

    private static String row(String name, long[] sorted) {
        return String.format(Locale.ROOT, "  %-28s %8.2f %8.2f %8.2f%n", name, millis(sorted, 0.50),
                millis(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }

    /** The growth of one run-queue reading from PUBLISH to the handler call, or -1 where either is unknown. */
    private static long waited(long[] atPublish, long[] atHandler, int which) {
        if (atPublish == null || atHandler == null || atPublish[which] < 0 || atHandler[which] < 0) {
            return -1;
        }
        return atHandler[which] - atPublish[which];
    }

    private static String waitedMillis(long nanos) {
        return nanos < 0 ? "?" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static double millis(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
