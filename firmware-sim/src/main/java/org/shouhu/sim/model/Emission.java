package org.shouhu.sim.model;

import java.time.Instant;
import java.util.Objects;
import org.shouhu.protocol.UplinkMessage;

/** A message a simulated wristband sends, and the simulated instant at which it goes on the air. */
public record Emission(Instant at, UplinkMessage message) {

    public Emission {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }
}
