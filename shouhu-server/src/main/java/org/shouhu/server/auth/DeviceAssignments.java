package org.shouhu.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.shouhu.protocol.DeviceId;

/**
 * Wristbands assigned to police jurisdictions ({@code jurisdiction_devices}): a jurisdiction's dispatchers see an
 * assigned band and its alerts wherever it is. Held in memory as an immutable map, swapped after every change this
 * server commits and on {@link #reload} (which the server runs periodically, to pick up other servers' changes), so
 * that the live feed asks without blocking. Writes and reloads are blocking JDBC. Thread-safe.
 */
public final class DeviceAssignments {

    private final DataSource dataSource;
    private final AtomicReference<Map<DeviceId, Set<String>>> current = new AtomicReference<>(Map.of());

    public DeviceAssignments(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Whether the device is assigned to the jurisdiction. Not blocking. */
    public boolean isAssigned(DeviceId device, String jurisdictionId) {
        return current.get().getOrDefault(device, Set.of()).contains(jurisdictionId);
    }

    /** The jurisdictions the device is assigned to. Not blocking. */
    public Set<String> jurisdictionsOf(DeviceId device) {
        return current.get().getOrDefault(device, Set.of());
    }

    /** The devices assigned to the jurisdiction. Not blocking. */
    public Set<DeviceId> devicesOf(String jurisdictionId) {
        Set<DeviceId> devices = new HashSet<>();
        current.get().forEach((device, jurisdictions) -> {
            if (jurisdictions.contains(jurisdictionId)) {
                devices.add(device);
            }
        });
        return devices;
    }

    /** @return whether it was not assigned before */
    public boolean assign(String jurisdictionId, DeviceId device, String assignedBy) throws SQLException {
        boolean added = update("INSERT INTO jurisdiction_devices (jurisdiction_id, device_id, assigned_by) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", jurisdictionId, device.imei(), assignedBy) == 1;
        reload();
        return added;
    }

    /** @return whether it was assigned */
    public boolean unassign(String jurisdictionId, DeviceId device) throws SQLException {
        boolean removed = update("DELETE FROM jurisdiction_devices WHERE jurisdiction_id = ? AND device_id = ?",
                jurisdictionId, device.imei()) == 1;
        reload();
        return removed;
    }

    public void reload() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT device_id, jurisdiction_id FROM jurisdiction_devices");
             ResultSet rows = select.executeQuery()) {
            Map<DeviceId, Set<String>> loaded = new HashMap<>();
            while (rows.next()) {
                loaded.computeIfAbsent(new DeviceId(rows.getLong(1)), device -> new HashSet<>())
                        .add(rows.getString(2));
            }
            AccountStore.commit(connection);
            Map<DeviceId, Set<String>> frozen = new HashMap<>();
            loaded.forEach((device, jurisdictions) -> frozen.put(device, Set.copyOf(jurisdictions)));
            current.set(Map.copyOf(frozen));
        }
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            int changed = statement.executeUpdate();
            AccountStore.commit(connection);
            return changed;
        }
    }
}
