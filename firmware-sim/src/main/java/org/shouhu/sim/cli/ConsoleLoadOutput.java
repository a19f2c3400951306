package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.load.LinkCounts;
import org.shouhu.sim.load.LoadFleet;

/** A {@code load} run told to a person: the live status line and memory on standard error, the summary on output. */
final class ConsoleLoadOutput implements LoadOutput {

    private final PrintStream out;
    private final PrintStream err;
    private StatusLine status;

    ConsoleLoadOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void started(LoadFleet fleet, Clock simulated) {
        status = new StatusLine(err, fleet::summary, fleet::links, simulated);
        status.start();
    }

    @Override
    public void connected(LoadFleet fleet, Duration took) {
        err.printf("%d bands connected, %d failed to connect, in %s%n", fleet.summary().connected(),
                fleet.connectFailures(), DurationText.format(took));
        err.println(MemoryUse.now().format("shouhu-sim with " + fleet.summary().connected() + " connected bands"));
    }

    @Override
    public void stopping(int connected) {
        err.println(MemoryUse.now().format("shouhu-sim with " + connected + " connected bands"));
    }

    @Override
    public void finished(PublishSummary summary, long[] latencies, int connectFailures, LinkCounts links,
                         Duration real, Duration simulated) {
        close();
        out.println(StatusLine.summary(summary, links, real, simulated));
    }

    @Override
    public void close() {
        if (status != null) {
            status.close();
            status = null;
        }
    }
}
