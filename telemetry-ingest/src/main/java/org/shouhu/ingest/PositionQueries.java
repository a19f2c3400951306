package org.shouhu.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;

/**
 * Reads positions. The same SQL runs on TimescaleDB and on plain PostgreSQL; each query names the device and a
 * time range so that only the relevant chunks or partitions are scanned. Blocking JDBC: call off the event loop.
 * Thread-safe.
 */
public final class PositionQueries {

    private static final String COLUMNS =
            "device_id, seq, fix_time, received_at, lat, lon, accuracy_m, source, speed_mps, heading_deg, battery, late";

    /** Rows with a real position: a source other than NONE and not the null island. */
    private static final String HAS_POSITION = "source <> 0 AND NOT (lat = 0 AND lon = 0)";

    private final DataSource dataSource;

    public PositionQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The newest stored position of the device by fix time (not by arrival: a late upload does not replace it).
     * On both flavours the scan walks the (device, fix time) index of the newest partitions first and stops at the
     * first row.
     */
    public Optional<StoredFix> latest(DeviceId device) throws SQLException {
        Objects.requireNonNull(device, "device");
        return query("SELECT " + COLUMNS + " FROM positions WHERE device_id = ? AND " + HAS_POSITION
                + " ORDER BY fix_time DESC LIMIT 1", device.imei()).stream().findFirst();
    }

    /** The device's positions with fix time in {@code [from, to)}, oldest first. */
    public List<StoredFix> track(DeviceId device, Instant from, Instant to) throws SQLException {
        Objects.requireNonNull(device, "device");
        checkRange(from, to);
        return query("SELECT " + COLUMNS + " FROM positions WHERE device_id = ? AND fix_time >= ? AND fix_time < ?"
                        + " AND " + HAS_POSITION + " ORDER BY fix_time, seq",
                device.imei(), utc(from), utc(to));
    }

    /** How many positions (with or without a real position) are stored with fix time in {@code [from, to)}. */
    public long count(Instant from, Instant to) throws SQLException {
        checkRange(from, to);
        return countWhere("fix_time >= ? AND fix_time < ?", utc(from), utc(to));
    }

    /** How many positions of one device are stored with fix time in {@code [from, to)}. */
    public long count(DeviceId device, Instant from, Instant to) throws SQLException {
        Objects.requireNonNull(device, "device");
        checkRange(from, to);
        return countWhere("device_id = ? AND fix_time >= ? AND fix_time < ?", device.imei(), utc(from), utc(to));
    }

    private long countWhere(String where, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, "SELECT count(*) FROM positions WHERE " + where,
                     parameters);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            long count = rows.getLong(1);
            endRead(connection);
            return count;
        }
    }

    private List<StoredFix> query(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<StoredFix> fixes = new ArrayList<>();
            while (rows.next()) {
                fixes.add(read(rows));
            }
            endRead(connection);
            return fixes;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** Pools hand out connections with auto-commit off; end the read transaction before giving it back. */
    private static void endRead(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static StoredFix read(ResultSet rows) throws SQLException {
        Instant fixTime = rows.getObject(3, OffsetDateTime.class).toInstant();
        Fix fix = new Fix(fixTime, rows.getDouble(5), rows.getDouble(6), rows.getInt(7),
                FixSource.fromCode(rows.getShort(8)), real(rows.getFloat(9)), real(rows.getFloat(10)));
        return new StoredFix(new DeviceId(rows.getLong(1)), rows.getLong(2), fix, rows.getShort(11),
                rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getBoolean(12));
    }

    /** The decimal value a {@code real} column holds, without binary float noise (1.2, not 1.2000000476837158). */
    private static double real(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void checkRange(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("time range ends before it starts: " + from + " .. " + to);
        }
    }
}
