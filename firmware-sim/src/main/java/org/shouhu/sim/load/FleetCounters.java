package org.shouhu.sim.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.shouhu.sim.internal.PublishStats;

/** The counters every shard of a load fleet adds to. Thread-safe. */
final class FleetCounters {

    final PublishStats stats = new PublishStats();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger connectFailures = new AtomicInteger();
    final AtomicLong drops = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicInteger down = new AtomicInteger();

    LinkCounts links() {
        return new LinkCounts(drops.get(), reconnects.get(), down.get());
    }
}
