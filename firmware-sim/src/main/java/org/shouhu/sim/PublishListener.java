package org.shouhu.sim;

import java.time.Instant;

/**
 * Told about every message a fleet hands to its MQTT client, with the simulated instant it was emitted at. Used by
 * recorders. Called from the fleet's ticking thread and from callers of {@code pressSos}; implementations must be
 * thread-safe and quick.
 */
@FunctionalInterface
public interface PublishListener {

    void published(Instant simulatedAt, String topic, byte[] payload);
}
