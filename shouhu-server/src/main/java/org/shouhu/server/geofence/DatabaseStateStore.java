package org.shouhu.server.geofence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.shouhu.geofence.DeviceGeofenceState;
import org.shouhu.geofence.GeofenceStateStore;
import org.shouhu.protocol.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-device geofence state in {@code geofence_device_state}, written behind: {@link #save} (called by the engine
 * as it evaluates) only remembers the newest state, and {@link #flush} writes the states of given devices once the
 * alerts they led to are committed. A crash in between loses only state that start-up replay rebuilds from the
 * stored positions, and alert dispatch recognises an alert raised twice for the same fix; so a restart neither
 * repeats nor misses an alert. Thread-safe.
 */
public final class DatabaseStateStore implements GeofenceStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStateStore.class);
    private static final String UPSERT = "INSERT INTO geofence_device_state (device_id, state, updated_at) "
            + "VALUES (?, ?::jsonb, now()) ON CONFLICT (device_id) DO UPDATE SET state = excluded.state, "
            + "updated_at = excluded.updated_at";

    private final DataSource dataSource;
    private final Map<DeviceId, DeviceGeofenceState> unwritten = new ConcurrentHashMap<>();

    public DatabaseStateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every stored state. A row that cannot be read is logged and skipped (the device starts afresh) rather than
     * keeping the server from starting.
     *
     * @throws GeofenceStoreException when the database cannot be read
     */
    @Override
    public Map<DeviceId, DeviceGeofenceState> loadAll() {
        Map<DeviceId, DeviceGeofenceState> states = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT device_id, state::text FROM geofence_device_state");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                DeviceId device = new DeviceId(rows.getLong(1));
                try {
                    states.put(device, DeviceStateJson.read(device, rows.getString(2)));
                } catch (IllegalArgumentException e) {
                    LOG.error("{}; the device starts without geofence state", e.getMessage());
                }
            }
            Transactions.endRead(connection);
        } catch (SQLException e) {
            throw new GeofenceStoreException("cannot load geofence state: " + e.getMessage(), e);
        }
        return states;
    }

    @Override
    public void save(DeviceGeofenceState state) {
        unwritten.put(state.device(), state);
    }

    /**
     * Writes the newest unwritten state of each device, in one transaction.
     *
     * @throws GeofenceStoreException when the write failed; the states stay unwritten and a later flush retries
     */
    public void flush(Collection<DeviceId> devices) {
        List<DeviceGeofenceState> states = new ArrayList<>(devices.size());
        for (DeviceId device : devices) {
            DeviceGeofenceState state = unwritten.get(device);
            if (state != null) {
                states.add(state);
            }
        }
        if (states.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (DeviceGeofenceState state : states) {
                    upsert.setLong(1, state.device().imei());
                    upsert.setString(2, DeviceStateJson.write(state));
                    upsert.addBatch();
                }
                upsert.executeBatch();
                Transactions.commit(connection);
            } catch (SQLException e) {
                Transactions.rollback(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new GeofenceStoreException("cannot write geofence state of " + states.size() + " devices: "
                    + e.getMessage(), e);
        }
        for (DeviceGeofenceState state : states) {
            unwritten.remove(state.device(), state); // a newer state saved meanwhile stays for the next flush
        }
    }

    /** The devices {@code which} accepts that have state not yet written. */
    public List<DeviceId> unwrittenOf(Predicate<DeviceId> which) {
        List<DeviceId> devices = new ArrayList<>();
        for (DeviceId device : unwritten.keySet()) {
            if (which.test(device)) {
                devices.add(device);
            }
        }
        return devices;
    }

    /** How many devices have state not yet written. */
    public int unwrittenCount() {
        return unwritten.size();
    }
}
