package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.load.LinkCounts;

/**
 * A live status line with rates, refreshed every second on a terminal (carriage return, same line) and every ten
 * seconds otherwise (one line each, for logs). Runs on its own daemon thread until closed. Thread-safe.
 */
final class StatusLine implements AutoCloseable {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private final PrintStream out;
    private final Supplier<PublishSummary> summaries;
    /** Where a load fleet's connections stand, or null for fleets that do not count them. */
    private final Supplier<LinkCounts> links;
    private final Clock simulated;
    private final boolean terminal;
    private final Thread thread;
    private volatile boolean running = true;

    StatusLine(PrintStream out, Supplier<PublishSummary> summaries, Clock simulated) {
        this(out, summaries, null, simulated);
    }

    /** A status line that also tells how many connections dropped, were reopened, and are down. */
    StatusLine(PrintStream out, Supplier<PublishSummary> summaries, Supplier<LinkCounts> links, Clock simulated) {
        this.out = Objects.requireNonNull(out, "out");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
        this.links = links;
        this.simulated = Objects.requireNonNull(simulated, "simulated");
        this.terminal = System.console() != null;
        this.thread = new Thread(this::run, "status-line");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long previousSent = 0;
        long previousAt = System.nanoTime();
        long period = terminal ? 1_000 : 10_000;
        while (running) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            PublishSummary s = summaries.get();
            long now = System.nanoTime();
            double rate = (s.sent() - previousSent) / ((now - previousAt) / 1e9);
            previousSent = s.sent();
            previousAt = now;
            String line = format(s, rate, simulated.instant())
                    + (links == null ? "" : links(links.get()));
            out.print(terminal ? "\r" + line + "   " : line + System.lineSeparator());
            out.flush();
        }
    }

    static String format(PublishSummary s, double ratePerSecond, Instant simulatedNow) {
        return String.format(java.util.Locale.ROOT, "sim %s | bands %d/%d up | sent %d (%.1f/s) acked %d failed %d pending %d | ack p50 %s p99 %s",
                LOCAL.format(simulatedNow), s.connected(), s.devices(), s.sent(), ratePerSecond, s.acknowledged(),
                s.failed(), s.pending(), DurationText.format(s.latencyP50()), DurationText.format(s.latencyP99()));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            out.println();
        }
    }

    /** The connection counts appended to a load fleet's status line. */
    static String links(LinkCounts l) {
        return String.format(java.util.Locale.ROOT, " | drops %d reconnects %d down %d", l.drops(), l.reconnects(),
                l.down());
    }

    /** The end-of-run summary of a load fleet, with what became of its connections. */
    static String summary(PublishSummary s, LinkCounts links, Duration real, Duration simulatedSpan) {
        String[] lines = summary(s, real, simulatedSpan).split(System.lineSeparator());
        List<String> withLinks = new ArrayList<>(Arrays.asList(lines));
        withLinks.add(2, String.format("  connections     %d dropped, %d reopened, %d down at the end", links.drops(),
                links.reconnects(), links.down()));
        return String.join(System.lineSeparator(), withLinks);
    }

    /** The end-of-run summary, several lines. */
    static String summary(PublishSummary s, Duration real, Duration simulatedSpan) {
        return String.join(System.lineSeparator(),
                "Summary",
                String.format("  bands           %d (%d connected before stopping)", s.devices(), s.connected()),
                String.format("  sent            %d", s.sent()),
                String.format("  acknowledged    %d", s.acknowledged()),
                String.format("  failed          %d", s.failed()),
                String.format("  unacknowledged  %d", s.pending()),
                String.format("  downlinks       %d", s.downlinks()),
                String.format("  ack latency     p50 %s  p90 %s  p99 %s  max %s",
                        DurationText.format(s.latencyP50()), DurationText.format(s.latencyP90()),
                        DurationText.format(s.latencyP99()), DurationText.format(s.latencyMax())),
                String.format("  time            %s real, %s simulated", DurationText.format(real),
                        DurationText.format(simulatedSpan)));
    }
}
