package org.shouhu.sim.cli;

import java.time.Clock;
import java.time.Duration;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.load.LinkCounts;
import org.shouhu.sim.load.LoadFleet;

/**
 * Where a {@code load} process tells how its fleet is doing: to a person ({@link ConsoleLoadOutput}) or, for one
 * slice of a fleet split over processes, to the process that started it ({@link SliceLoadOutput}). Called from the
 * command's thread in the order of the methods; {@link #close()} may come at any point and is idempotent.
 */
interface LoadOutput extends AutoCloseable {

    /** The bands have started connecting; live progress starts. */
    void started(LoadFleet fleet, Clock simulated);

    /** Every band has tried to connect. */
    void connected(LoadFleet fleet, Duration took);

    /** The run is over; {@code connected} bands are still up and about to be stopped. */
    void stopping(int connected);

    /** The bands have stopped: the final figures. */
    void finished(PublishSummary summary, long[] latencies, int connectFailures, LinkCounts links, Duration real,
                  Duration simulated);

    @Override
    void close();
}
