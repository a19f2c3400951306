package org.shouhu.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.shouhu.protocol.DeviceId;

/**
 * Where a wristband is now: its newest stored fix ({@code device_latest}, kept by ingest across every ingest
 * instance, so it is right even when this server's own ingest saw none of the device's reports). Blocking JDBC: call
 * off the event loop. Thread-safe.
 */
public final class DeviceWhereabouts {

    /** A device's newest fix position. */
    public record Place(double latitude, double longitude) {
    }

    private final DataSource dataSource;

    public DeviceWhereabouts(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Every device with a stored fix, in one query (for listing many devices at once). */
    public Map<DeviceId, Place> all() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT device_id, lat, lon FROM device_latest WHERE lat IS NOT NULL AND lon IS NOT NULL")) {
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                Map<DeviceId, Place> places = new HashMap<>();
                while (rows.next()) {
                    places.put(new DeviceId(rows.getLong(1)), new Place(rows.getDouble(2), rows.getDouble(3)));
                }
                AccountStore.commit(connection);
                return places;
            }
        }
    }

    public Optional<Place> latest(DeviceId device) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT lat, lon FROM device_latest WHERE device_id = ? AND lat IS NOT NULL AND lon IS NOT NULL")) {
            select.setLong(1, device.imei());
            try (ResultSet rows = select.executeQuery()) {
                Optional<Place> place = rows.next()
                        ? Optional.of(new Place(rows.getDouble(1), rows.getDouble(2))) : Optional.empty();
                AccountStore.commit(connection);
                return place;
            }
        }
    }
}
