package org.shouhu.ingest.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.StoredStatus;
import org.shouhu.protocol.PositionBatch;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.StatusReport;

/**
 * Writes one batch in one transaction: positions, the newest fix per device into {@code device_latest}, statuses,
 * and dead letters for rejected payloads. Either all of it commits or none of it does. Positions go straight into
 * {@code positions} by {@code COPY} when no duplicate is expected ({@link DirectPositionWrite}); otherwise, and when
 * that meets a stored row after all, through COPY into the staging table and one
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} (so a redelivered message is stored once). Stateless; the
 * connection is the calling writer thread's.
 *
 * <p>A fix is late when its device already has a newer one. That is looked up per staged row through
 * {@code device_latest}'s primary key, not joined: the temporary staging table has no statistics, so a join is
 * planned as a hash join over all of {@code device_latest}, which cost 15 ms per 500-row batch with 10,000 devices
 * and grows with the fleet, while 500 index lookups cost about 1.5 ms (docs/ingest.md).
 */
final class BatchTransaction {

    /**
     * Inserts the staged positions and, in the same statement, moves {@code device_latest} to the newest fix of each
     * device: one round trip and one statement per batch instead of two. The statements of one query see the same
     * snapshot, so {@code late} compares with the newest fix before this batch, as it would if the update ran after.
     * {@code ORDER BY s.ord} makes the first of two copies of one fix in a batch the one stored.
     */
    private static final String INSERT_POSITIONS = """
            WITH latest AS (
                INSERT INTO device_latest AS d (device_id, fix_time, fix_seq, lat, lon, accuracy_m, source,
                                                fix_received_at, updated_at)
                SELECT DISTINCT ON (device_id) device_id, fix_time, seq, lat, lon, accuracy_m, source, received_at,
                       received_at
                FROM ingest_staging WHERE has_position
                ORDER BY device_id, fix_time DESC
                ON CONFLICT (device_id) DO UPDATE SET
                    fix_time = excluded.fix_time, fix_seq = excluded.fix_seq, lat = excluded.lat, lon = excluded.lon,
                    accuracy_m = excluded.accuracy_m, source = excluded.source,
                    fix_received_at = excluded.fix_received_at, updated_at = excluded.updated_at
                WHERE d.fix_time IS NULL OR excluded.fix_time > d.fix_time)
            INSERT INTO positions (device_id, seq, fix_time, received_at, lat, lon, accuracy_m, source, speed_mps,
                                   heading_deg, battery, late)
            SELECT s.device_id, s.seq, s.fix_time, s.received_at, s.lat, s.lon, s.accuracy_m, s.source, s.speed_mps,
                   s.heading_deg, s.battery, s.from_batch OR coalesce(s.fix_time < (
                       SELECT l.fix_time FROM device_latest l WHERE l.device_id = s.device_id), false)
            FROM ingest_staging s
            ORDER BY s.ord
            ON CONFLICT DO NOTHING
            RETURNING device_id, seq, fix_time, late""";

    private static final String INSERT_STATUS = """
            INSERT INTO device_status (device_id, seq, status_time, received_at, battery, worn, charging)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private static final String UPSERT_LATEST_STATUS = """
            INSERT INTO device_latest AS d (device_id, status_time, status_seq, battery, worn, charging, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE SET
                status_time = excluded.status_time, status_seq = excluded.status_seq, battery = excluded.battery,
                worn = excluded.worn, charging = excluded.charging, updated_at = excluded.updated_at
            WHERE d.status_time IS NULL OR excluded.status_time > d.status_time""";

    static final String INSERT_DEAD_LETTER = """
            INSERT INTO dead_letters (received_at, topic, payload, reason, detail, byte_offset)
            VALUES (?, ?, ?, ?, ?, ?)""";

    /** Reason stored for a payload that decoded but that the database refused (a constraint the codec missed). */
    static final String STORAGE_REJECTED = "STORAGE_REJECTED";

    /**
     * Counts of what a commit did, for metrics.
     *
     * @param direct whether the positions went straight into {@code positions} ({@link DirectPositionWrite})
     */
    record Outcome(CommittedBatch batch, int positionsStaged, int deadLetters, boolean direct) {
    }

    private BatchTransaction() {
    }

    static Outcome write(Connection connection, List<Classified> items) throws SQLException {
        return write(connection, items, StagingCopy.Format.BINARY, null);
    }

    static Outcome write(Connection connection, List<Classified> items, StagingCopy.Format format)
            throws SQLException {
        return write(connection, items, format, null);
    }

    /**
     * @param recent the keys this lane committed lately; when given, a batch in which no duplicate is expected (no
     *               key among them, no message redelivered by the broker, no key twice) is written by
     *               {@link DirectPositionWrite}, and if that meets a stored row after all, through the staging
     *               table. Null: always through the staging table (a batch written again after a failure).
     */
    static Outcome write(Connection connection, List<Classified> items, StagingCopy.Format format,
                         RecentKeys recent) throws SQLException {
        List<StagedPosition> staged = new ArrayList<>();
        List<Classified.Accepted> statuses = new ArrayList<>();
        List<Classified.Rejected> rejected = new ArrayList<>();
        List<InboundMessage> messages = new ArrayList<>(items.size());
        boolean redelivered = false;
        for (Classified item : items) {
            messages.add(item.message());
            redelivered |= item.message().redelivered();
            sort(item, staged, statuses, rejected);
        }
        if (recent != null && !redelivered && !staged.isEmpty() && noDuplicateExpected(staged, recent)) {
            try {
                List<StoredPosition> positions = DirectPositionWrite.write(connection, staged);
                List<StoredStatus> storedStatuses = writeStatuses(connection, statuses);
                writeDeadLetters(connection, rejected);
                connection.commit();
                remember(staged, recent);
                return new Outcome(new CommittedBatch(messages, positions, storedStatuses), staged.size(),
                        rejected.size(), true);
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                if (!isDataError(e)) {
                    throw e;
                }
                // A row was stored before (or refused): the staging path stores each row once, or tells which.
            } catch (RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
        try {
            List<StoredPosition> positions = writePositions(connection, staged, format);
            List<StoredStatus> storedStatuses = writeStatuses(connection, statuses);
            writeDeadLetters(connection, rejected);
            connection.commit();
            if (recent != null) {
                remember(staged, recent);
            }
            return new Outcome(new CommittedBatch(messages, positions, storedStatuses), staged.size(), rejected.size(),
                    false);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    /** No key of the batch was committed lately by this lane, and none comes twice in the batch. */
    private static boolean noDuplicateExpected(List<StagedPosition> staged, RecentKeys recent) {
        Set<StagedPosition.Key> keys = new HashSet<>(staged.size() * 2);
        for (StagedPosition row : staged) {
            if (recent.mayContain(row.device().imei(), row.sequence(), row.fixMicros()) || !keys.add(row.key())) {
                return false;
            }
        }
        return true;
    }

    private static void remember(List<StagedPosition> staged, RecentKeys recent) {
        for (StagedPosition row : staged) {
            recent.add(row.device().imei(), row.sequence(), row.fixMicros());
        }
    }

    /** Data exceptions and integrity violations (SQLState classes 22 and 23): the same rows would fail again. */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** Dead-letters a message the database refused, in its own transaction. */
    static void writeStorageRejected(Connection connection, InboundMessage message, SQLException cause)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DEAD_LETTER)) {
            bindDeadLetter(insert, message, STORAGE_REJECTED, cause.getSQLState() + ": " + cause.getMessage(), -1);
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    private static void sort(Classified item, List<StagedPosition> staged, List<Classified.Accepted> statuses,
                             List<Classified.Rejected> rejected) {
        if (item instanceof Classified.Rejected r) {
            rejected.add(r);
            return;
        }
        Classified.Accepted accepted = (Classified.Accepted) item;
        var received = item.message().receivedAt();
        if (accepted.uplink() instanceof PositionReport report) {
            staged.add(new StagedPosition(report.deviceId(), report.sequence(), report.fix(), report.batteryPercent(),
                    received, false));
        } else if (accepted.uplink() instanceof PositionBatch batch) {
            for (PositionReport report : batch.positions()) {
                staged.add(new StagedPosition(report.deviceId(), report.sequence(), report.fix(),
                        report.batteryPercent(), received, true));
            }
        } else if (accepted.uplink() instanceof StatusReport) {
            statuses.add(accepted);
        } else {
            throw new IllegalArgumentException("not a batch message: " + accepted.uplink().type());
        }
    }

    private static List<StoredPosition> writePositions(Connection connection, List<StagedPosition> staged,
                                                       StagingCopy.Format format) throws SQLException {
        if (staged.isEmpty()) {
            return List.of();
        }
        StagingCopy.copy(connection, staged, format);
        Map<StagedPosition.Key, Boolean> lateByKey = new HashMap<>(staged.size() * 2);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_POSITIONS);
             ResultSet rows = insert.executeQuery()) {
            while (rows.next()) {
                lateByKey.put(new StagedPosition.Key(rows.getLong(1), rows.getLong(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant()), rows.getBoolean(4));
            }
        }
        List<StoredPosition> stored = new ArrayList<>(lateByKey.size());
        for (StagedPosition row : staged) {
            // remove: of two copies of one fix in the batch, the first is the one stored
            Boolean late = lateByKey.remove(row.key());
            if (late != null) {
                stored.add(new StoredPosition(row.device(), row.sequence(), row.fix(), row.battery(),
                        row.receivedAt(), late));
            }
        }
        if (!lateByKey.isEmpty()) {
            throw new IllegalStateException("database returned positions that were not staged: " + lateByKey.keySet());
        }
        return stored;
    }

    private static List<StoredStatus> writeStatuses(Connection connection, List<Classified.Accepted> statuses)
            throws SQLException {
        if (statuses.isEmpty()) {
            return List.of();
        }
        List<StoredStatus> stored = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STATUS);
             PreparedStatement latest = connection.prepareStatement(UPSERT_LATEST_STATUS)) {
            for (Classified.Accepted accepted : statuses) {
                StatusReport report = (StatusReport) accepted.uplink();
                OffsetDateTime time = utc(report.time());
                OffsetDateTime received = utc(accepted.message().receivedAt());
                insert.setLong(1, report.deviceId().imei());
                insert.setLong(2, report.sequence());
                insert.setObject(3, time);
                insert.setObject(4, received);
                insert.setShort(5, (short) report.batteryPercent());
                insert.setBoolean(6, report.worn());
                insert.setBoolean(7, report.charging());
                if (insert.executeUpdate() == 1) {
                    stored.add(new StoredStatus(report, accepted.message().receivedAt()));
                }
                latest.setLong(1, report.deviceId().imei());
                latest.setObject(2, time);
                latest.setLong(3, report.sequence());
                latest.setShort(4, (short) report.batteryPercent());
                latest.setBoolean(5, report.worn());
                latest.setBoolean(6, report.charging());
                latest.setObject(7, received);
                latest.executeUpdate();
            }
        }
        return stored;
    }

    private static void writeDeadLetters(Connection connection, List<Classified.Rejected> rejected)
            throws SQLException {
        if (rejected.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DEAD_LETTER)) {
            for (Classified.Rejected r : rejected) {
                ProtocolException problem = r.problem();
                bindDeadLetter(insert, r.message(), problem.reason().name(), problem.getMessage(), problem.offset());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void bindDeadLetter(PreparedStatement insert, InboundMessage message, String reason, String detail,
                               int offset) throws SQLException {
        insert.setObject(1, utc(message.receivedAt()));
        insert.setString(2, message.topic());
        insert.setBytes(3, message.payload());
        insert.setString(4, reason);
        insert.setString(5, detail == null ? "" : detail);
        if (offset >= 0) {
            insert.setInt(6, offset);
        } else {
            insert.setNull(6, Types.INTEGER);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
