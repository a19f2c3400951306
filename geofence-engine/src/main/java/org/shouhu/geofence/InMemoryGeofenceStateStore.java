package org.shouhu.geofence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shouhu.protocol.DeviceId;

/** A {@link GeofenceStateStore} in a concurrent map, for tests and benchmarks. Thread-safe. */
public final class InMemoryGeofenceStateStore implements GeofenceStateStore {

    private final Map<DeviceId, DeviceGeofenceState> states = new ConcurrentHashMap<>();

    @Override
    public Map<DeviceId, DeviceGeofenceState> loadAll() {
        return Map.copyOf(states);
    }

    @Override
    public void save(DeviceGeofenceState state) {
        states.put(state.device(), state);
    }

    /** How many devices have state. */
    public int size() {
        return states.size();
    }
}
