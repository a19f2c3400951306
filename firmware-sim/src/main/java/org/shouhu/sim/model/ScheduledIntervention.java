package org.shouhu.sim.model;

import java.time.Instant;
import java.util.Objects;

/** An intervention and the simulated instant at which it happens. */
public record ScheduledIntervention(Instant at, Intervention intervention) {

    public ScheduledIntervention {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(intervention, "intervention");
    }
}
