package org.shouhu.ingest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.PGConnection;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.protocol.Fix;

/**
 * Writes the positions of a batch in which no duplicate is expected straight into {@code positions} with a binary
 * {@code COPY}: no staging table, no conflict check, no {@code RETURNING}. If a row is a duplicate after all (stored by
 * another instance of the shared subscription, before a restart, or by this lane longer ago than
 * {@link RecentKeys} remembers) the {@code COPY} fails on the unique key, the transaction is rolled back and the
 * caller writes the batch through the staging path, which stores each row once; so correctness never depends on the
 * guess.
 *
 * <p>{@code device_latest} is moved first, in one statement that also reads, under the same snapshot, each device's
 * newest fix before this batch. A fix is late when it comes from a buffered batch or is older than that fix, exactly
 * as the staging path decides it (there the lookup runs under the snapshot of the statement that inserts the
 * positions); no other instance's knowledge is assumed, only what the database had committed. The input is one row per
 * device, the newest fix of the batch, deduplicated here, in device order (so two writers lock rows in the same order
 * and cannot deadlock), and the update is skipped in the database when the stored fix is as new or newer.
 *
 * <p>Not thread-safe; the connection is the caller's, in a transaction.
 */
final class DirectPositionWrite {

    /**
     * {@code before} and the upsert run under one snapshot and cannot see each other's effects, so {@code before}
     * reads the rows as they were before this batch. The upsert runs even though the query does not read it.
     */
    static final String MOVE_LATEST = """
            WITH before AS (
                SELECT device_id, fix_time FROM device_latest WHERE device_id = ANY (?) AND fix_time IS NOT NULL),
            latest AS (
                INSERT INTO device_latest AS d (device_id, fix_time, fix_seq, lat, lon, accuracy_m, source,
                                                fix_received_at, updated_at)
                SELECT n.device_id, to_timestamp(0) + n.fix_us * interval '1 microsecond', n.seq, n.lat, n.lon,
                       n.accuracy_m, n.source, to_timestamp(0) + n.received_us * interval '1 microsecond',
                       to_timestamp(0) + n.received_us * interval '1 microsecond'
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::float8[], ?::float8[], ?::integer[],
                            ?::smallint[], ?::bigint[])
                     AS n(device_id, fix_us, seq, lat, lon, accuracy_m, source, received_us)
                ON CONFLICT (device_id) DO UPDATE SET
                    fix_time = excluded.fix_time, fix_seq = excluded.fix_seq, lat = excluded.lat, lon = excluded.lon,
                    accuracy_m = excluded.accuracy_m, source = excluded.source,
                    fix_received_at = excluded.fix_received_at, updated_at = excluded.updated_at
                WHERE d.fix_time IS NULL OR excluded.fix_time > d.fix_time)
            SELECT device_id, (extract(epoch FROM fix_time) * 1000000)::bigint FROM before""";

    static final String COPY = "COPY positions (device_id, seq, fix_time, received_at, lat, lon, accuracy_m, source, "
            + "speed_mps, heading_deg, battery, late) FROM STDIN WITH (FORMAT binary)";

    private DirectPositionWrite() {
    }

    /**
     * @param rows the batch's positions, no two with the same key
     * @return every row, as stored, in the order given
     * @throws SQLException when a statement fails; a unique violation (SQLState 23505) means a row was stored before
     */
    static List<StoredPosition> write(Connection connection, List<StagedPosition> rows) throws SQLException {
        Map<Long, Long> newestBefore = moveLatest(connection, rows);
        boolean[] late = new boolean[rows.size()];
        List<StoredPosition> stored = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            StagedPosition row = rows.get(i);
            Long before = newestBefore.get(row.device().imei());
            late[i] = row.fromBatch() || (before != null && row.fixMicros() < before);
            stored.add(new StoredPosition(row.device(), row.sequence(), row.fix(), row.battery(), row.receivedAt(),
                    late[i]));
        }
        byte[] data = BinaryCopyEncoder.encodePositions(rows, late);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(COPY, new ByteArrayInputStream(data), data.length);
        } catch (IOException e) {
            throw new SQLException("COPY into positions failed: " + e.getMessage(), "08006", e);
        }
        return stored;
    }

    /** Moves {@code device_latest} and returns each device's newest fix time (µs) before this batch, where it had one. */
    private static Map<Long, Long> moveLatest(Connection connection, List<StagedPosition> rows) throws SQLException {
        TreeMap<Long, StagedPosition> newest = new TreeMap<>();
        long[] allDevices = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            StagedPosition row = rows.get(i);
            allDevices[i] = row.device().imei();
            if (row.fix().hasPosition()) {
                newest.merge(row.device().imei(), row, (a, b) -> b.fixMicros() > a.fixMicros() ? b : a);
            }
        }
        int n = newest.size();
        long[] devices = new long[n];
        long[] fixUs = new long[n];
        long[] seqs = new long[n];
        double[] lats = new double[n];
        double[] lons = new double[n];
        int[] accuracies = new int[n];
        short[] sources = new short[n];
        long[] receivedUs = new long[n];
        int i = 0;
        for (StagedPosition row : newest.values()) {
            Fix fix = row.fix();
            devices[i] = row.device().imei();
            fixUs[i] = row.fixMicros();
            seqs[i] = row.sequence();
            lats[i] = fix.latitude();
            lons[i] = fix.longitude();
            accuracies[i] = fix.accuracyMetres();
            sources[i] = (short) fix.source().code();
            receivedUs[i] = StagedPosition.micros(row.receivedAt());
            i++;
        }
        Map<Long, Long> before = new HashMap<>(rows.size() * 2);
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (PreparedStatement statement = connection.prepareStatement(MOVE_LATEST)) {
            // Primitive arrays, sent in binary: no boxing, no text to parse.
            Array[] arrays = {pg.createArrayOf("int8", allDevices), pg.createArrayOf("int8", devices),
                    pg.createArrayOf("int8", fixUs), pg.createArrayOf("int8", seqs),
                    pg.createArrayOf("float8", lats), pg.createArrayOf("float8", lons),
                    pg.createArrayOf("int4", accuracies), pg.createArrayOf("int2", sources),
                    pg.createArrayOf("int8", receivedUs)};
            for (int p = 0; p < arrays.length; p++) {
                statement.setArray(p + 1, arrays[p]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    before.put(result.getLong(1), result.getLong(2));
                }
            }
        }
        return before;
    }
}
