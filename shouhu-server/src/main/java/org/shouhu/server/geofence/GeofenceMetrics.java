package org.shouhu.server.geofence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.shouhu.geofence.EventKind;

/** The meters of geofence evaluation, registered once per server. Thread-safe. */
final class GeofenceMetrics {

    final Counter evaluated;
    final Counter overflowed;
    final Counter caughtUp;
    final Counter stateWriteFailures;
    final Counter evaluationFailures;
    final Timer lag;
    private final Map<EventKind, Counter> events = new EnumMap<>(EventKind.class);

    GeofenceMetrics(MeterRegistry registry, Supplier<Number> queued) {
        evaluated = Counter.builder("shouhu.geofence.positions.evaluated")
                .description("Positions evaluated against the zones").register(registry);
        overflowed = Counter.builder("shouhu.geofence.overflow")
                .description("Positions that found their worker's queue full; re-read from the database instead")
                .register(registry);
        caughtUp = Counter.builder("shouhu.geofence.positions.reread")
                .description("Positions re-read from the database after an overflow or at start-up").register(registry);
        stateWriteFailures = Counter.builder("shouhu.geofence.state.write.failures")
                .description("Failed writes of device geofence state (retried)").register(registry);
        evaluationFailures = Counter.builder("shouhu.geofence.evaluation.failures")
                .description("Device batches the engine failed on (logged; the device's next fixes go on)")
                .register(registry);
        lag = Timer.builder("shouhu.geofence.lag")
                .description("From ingest receiving a position to its evaluation and alerts being committed")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("shouhu.geofence.queue.depth", queued).description("Positions waiting for evaluation")
                .register(registry);
        for (EventKind kind : EventKind.values()) {
            events.put(kind, Counter.builder("shouhu.geofence.events").tag("kind", kind.name().toLowerCase())
                    .description("Geofence events decided by the engine").register(registry));
        }
    }

    void event(EventKind kind) {
        events.get(kind).increment();
    }

    void lag(Duration duration) {
        lag.record(duration.isNegative() ? Duration.ZERO : duration);
    }
}
