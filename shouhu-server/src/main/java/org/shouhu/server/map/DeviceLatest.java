package org.shouhu.server.map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.shouhu.protocol.DeviceId;

/**
 * A wristband's newest stored position and status, from the one-row-per-device {@code device_latest} table that
 * ingest keeps. Blocking JDBC: call off the event loop. Thread-safe.
 */
final class DeviceLatest {

    /** One device's row; position fields are empty when it never had a fix, status fields when it never reported. */
    record Row(DeviceId device, Optional<Instant> fixTime, double latitude, double longitude, int accuracyMetres,
               Optional<Instant> statusTime, int battery, Optional<Boolean> worn, Optional<Boolean> charging) {

        Row {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(fixTime, "fixTime");
            Objects.requireNonNull(statusTime, "statusTime");
            Objects.requireNonNull(worn, "worn");
            Objects.requireNonNull(charging, "charging");
        }
    }

    private final DataSource dataSource;

    DeviceLatest(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    Optional<Row> find(DeviceId device) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT fix_time, lat, lon, accuracy_m, "
                     + "status_time, battery, worn, charging FROM device_latest WHERE device_id = ?")) {
            statement.setLong(1, device.imei());
            Optional<Row> row = Optional.empty();
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    row = Optional.of(new Row(device, instant(rows, 1), rows.getDouble(2), rows.getDouble(3),
                            rows.getInt(4), instant(rows, 5), rows.getObject(6) == null ? -1 : rows.getInt(6),
                            Optional.ofNullable((Boolean) rows.getObject(7)),
                            Optional.ofNullable((Boolean) rows.getObject(8))));
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return row;
        }
    }

    private static Optional<Instant> instant(ResultSet rows, int column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
