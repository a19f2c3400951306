package org.shouhu.sim.bench;

import java.time.Instant;
import java.util.Objects;

/**
 * An SOS press made by the harness.
 *
 * @param nanos {@link System#nanoTime()} just before the press was published, to time its way to the police
 * @param at    the press time and the time of the fix it carries, as the band stamped them
 */
public record SosPressed(long nanos, Instant at) {

    public SosPressed {
        Objects.requireNonNull(at, "at");
    }
}
