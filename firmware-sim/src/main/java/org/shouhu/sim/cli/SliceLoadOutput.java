package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.load.LinkCounts;
import org.shouhu.sim.load.LoadFleet;

/**
 * A {@code load} run of one slice of a split fleet, told to the process that started it as {@link SliceReport}
 * lines on standard output: the slice's status every second, the end of its ramp, its memory, its final status.
 */
final class SliceLoadOutput implements LoadOutput {

    private static final long PERIOD_MILLIS = 1_000;

    private final PrintStream out;
    private Thread reporter;

    SliceLoadOutput(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(LoadFleet fleet, Clock simulated) {
        reporter = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    report(new SliceReport.Status(false, fleet.summary(), fleet.connectFailures(), fleet.links(),
                            fleet.latencySnapshot()));
                    Thread.sleep(PERIOD_MILLIS);
                }
            } catch (InterruptedException stopped) {
                // The run is over; the final status follows from the command's thread.
            }
        }, "slice-report");
        reporter.setDaemon(true);
        reporter.start();
    }

    @Override
    public void connected(LoadFleet fleet, Duration took) {
        SliceReport.Ramp ramp = new SliceReport.Ramp(fleet.summary().connected(), fleet.connectFailures(), took);
        // The memory first: the parent reports every slice's memory once it has every slice's ramp.
        report(new SliceReport.Memory("connected", MemoryUse.now()));
        report(ramp);
    }

    @Override
    public void stopping(int connected) {
        report(new SliceReport.Memory("stopping", MemoryUse.now()));
    }

    @Override
    public void finished(PublishSummary summary, long[] latencies, int connectFailures, LinkCounts links,
                         Duration real, Duration simulated) {
        close();
        report(new SliceReport.Status(true, summary, connectFailures, links, latencies));
    }

    @Override
    public void close() {
        if (reporter != null) {
            reporter.interrupt();
            try {
                reporter.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reporter = null;
        }
    }

    private void report(SliceReport.Line line) {
        synchronized (out) {
            out.println(SliceReport.format(line));
            out.flush();
        }
    }
}
