package org.shouhu.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@code access_log} table: every read of a child's location, allowed or refused, with who and when. Written
 * before the location is sent, so that a read whose log entry failed is not served. Blocking JDBC: call off the
 * event loop. Thread-safe.
 */
public final class AccessLog {

    private final DataSource dataSource;
    private final Clock clock;

    public AccessLog(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the reads in one transaction. */
    public void record(List<LocationRead> reads) throws SQLException {
        if (reads.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO access_log (at, username, role, "
                     + "action, child_id, device_id, allowed, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LocationRead read : reads) {
                insert.setObject(1, TokenService.utc(now));
                insert.setString(2, read.principal().username());
                insert.setString(3, read.principal().role().token());
                insert.setString(4, read.action());
                insert.setString(5, read.childId().orElse(null));
                if (read.device().isPresent()) {
                    insert.setLong(6, read.device().get().imei());
                } else {
                    insert.setNull(6, Types.BIGINT);
                }
                insert.setBoolean(7, read.allowed());
                insert.setString(8, read.detail());
                insert.addBatch();
            }
            insert.executeBatch();
            AccountStore.commit(connection);
        }
    }

    public void record(LocationRead read) throws SQLException {
        record(List.of(read));
    }

    /** One row of the log as read back. */
    public record Entry(Instant at, String username, String role, String action, Optional<String> childId,
                        boolean allowed, String detail) {

        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(childId, "childId");
        }
    }

    /** The newest entries about one child, newest first. */
    public List<Entry> forChild(String childId, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT at, username, role, action, child_id, "
                     + "allowed, detail FROM access_log WHERE child_id = ? ORDER BY at DESC, id DESC LIMIT ?")) {
            select.setString(1, childId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Entry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new Entry(rows.getObject(1, OffsetDateTime.class).toInstant(),
                            rows.getString(2), rows.getString(3), rows.getString(4),
                            Optional.ofNullable(rows.getString(5)), rows.getBoolean(6), rows.getString(7)));
                }
                AccountStore.commit(connection);
                return entries;
            }
        }
    }

    /** Deletes entries older than the retention; returns how many. */
    public int purgeOlderThan(Duration retention) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM access_log WHERE at < ?")) {
            delete.setObject(1, TokenService.utc(clock.instant().minus(retention)));
            int deleted = delete.executeUpdate();
            AccountStore.commit(connection);
            return deleted;
        }
    }
}
