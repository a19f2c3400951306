package org.shouhu.alert.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease on outbox rows: while it lasts, only {@code owner} (one run of one dispatcher instance) delivers them and
 * records their outcome.
 */
public record OutboxLease(String owner, Instant until) {

    public OutboxLease {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(until, "until");
    }
}
