package org.shouhu.geofence;

import java.util.Map;
import org.shouhu.protocol.DeviceId;

/**
 * Where the engine keeps per-device state so that a restart neither repeats nor misses alerts. The server implements
 * it on PostgreSQL; {@link InMemoryGeofenceStateStore} serves tests and benchmarks.
 *
 * <p>The engine calls {@link #loadAll()} once when it starts and {@link #save} after every evaluation that changed a
 * device's state, on the thread that evaluated it, after the events are computed and before they are returned.
 * Implementations must be thread-safe for saves of different devices. A store that writes behind (coalescing saves
 * per device) must flush before acknowledging the fixes that produced the state, or accept redoing those fixes. The
 * same holds for deadline decisions ({@link GeofenceEngine#onTick}): a store must not write a state recording a
 * deadline as decided before the event of that decision was handled (its alert committed); a decision not written is
 * taken again by the next engine within {@link EngineSettings#deadlineGrace()}.
 */
public interface GeofenceStateStore {

    /** Every stored device state. */
    Map<DeviceId, DeviceGeofenceState> loadAll();

    /** Replaces the stored state of {@code state.device()}. */
    void save(DeviceGeofenceState state);
}
