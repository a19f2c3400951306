package org.shouhu.sim.model;

import java.time.Instant;

/** A half-open interval of simulated time. */
record Window(Instant start, Instant end) {

    boolean covers(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
