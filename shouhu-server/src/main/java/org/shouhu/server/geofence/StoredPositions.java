package org.shouhu.server.geofence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;

/**
 * Reads committed positions back for evaluation: a device's positions after an overflow, and every recent position
 * at start-up. Only rows with a real position; oldest fix first. Blocking JDBC; thread-safe.
 */
final class StoredPositions {

    private static final String SELECT = "SELECT device_id, seq, fix_time, received_at, lat, lon, accuracy_m, source, "
            + "speed_mps, heading_deg, battery, late FROM positions WHERE source <> 0 AND NOT (lat = 0 AND lon = 0) ";

    private final DataSource dataSource;

    StoredPositions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The device's positions with fix time at or after {@code from}. */
    List<StoredPosition> of(DeviceId device, Instant from) throws SQLException {
        return query(SELECT + "AND device_id = ? AND fix_time >= ? ORDER BY fix_time, seq", device.imei(), utc(from));
    }

    /** Every device's positions with fix time at or after {@code from}, by device and fix time. */
    List<StoredPosition> since(Instant from) throws SQLException {
        return query(SELECT + "AND fix_time >= ? ORDER BY device_id, fix_time, seq", utc(from));
    }

    private List<StoredPosition> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<StoredPosition> positions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    positions.add(read(rows));
                }
            }
            Transactions.endRead(connection);
            return positions;
        }
    }

    private static StoredPosition read(ResultSet rows) throws SQLException {
        Fix fix = new Fix(rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getDouble(5), rows.getDouble(6),
                rows.getInt(7), FixSource.fromCode(rows.getShort(8)), Double.parseDouble(Float.toString(rows.getFloat(9))),
                Double.parseDouble(Float.toString(rows.getFloat(10))));
        return new StoredPosition(new DeviceId(rows.getLong(1)), rows.getLong(2), fix, rows.getShort(11),
                rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getBoolean(12));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
