package org.shouhu.sim.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The database's raw limit: binary {@code COPY} of rows shaped like the platform's position rows (same columns,
 * constraints and indexes: {@code LIKE positions INCLUDING ALL}) into a scratch table of the same database, one
 * connection, a batch per transaction, for a fixed time. The scratch table is dropped afterwards. Not thread-safe.
 */
final class CopyBaseline {

    static final String TABLE = "shouhu_bench_copy";
    /** Microseconds from the Unix epoch to PostgreSQL's epoch, 2000-01-01. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0,
        0, 0, 0, 0};

    private final Connection connection;

    CopyBaseline(Connection connection) {
        this.connection = connection;
    }

    /** Copies batches of {@code batchRows} rows for {@code duration}; returns the rows per second committed. */
    Rate measure(Duration duration, int batchRows, int devices) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + TABLE);
            statement.execute("CREATE TABLE " + TABLE + " (LIKE positions INCLUDING ALL)");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            SplittableRandom random = new SplittableRandom(42);
            long sequence = 0;
            long rows = 0;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            while (System.nanoTime() < end) {
                byte[] batch = batch(batchRows, devices, sequence, random);
                sequence += batchRows;
                copy.copyIn("COPY " + TABLE + " FROM STDIN (FORMAT binary)", new java.io.ByteArrayInputStream(batch));
                connection.commit();
                rows += batchRows;
            }
            return new Rate(rows, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    /** A binary COPY stream of position rows of {@code devices} bands reporting now. */
    static byte[] batch(int rows, int devices, long firstSequence, SplittableRandom random) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows * 110 + 32);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(HEADER);
        long nowMicros = micros(Instant.now()) - PG_EPOCH_MICROS;
        for (int i = 0; i < rows; i++) {
            long sequence = firstSequence + i;
            out.writeShort(12);
            field(out, 8).writeLong(860_000_000_000_000L + sequence % devices);   // device_id
            field(out, 8).writeLong(sequence / devices);                          // seq
            field(out, 8).writeLong(nowMicros - random.nextInt(1_000_000));       // fix_time
            field(out, 8).writeLong(nowMicros);                                   // received_at
            field(out, 8).writeDouble(27.3 + random.nextDouble() - 0.5);          // lat
            field(out, 8).writeDouble(105.3 + random.nextDouble() - 0.5);         // lon
            field(out, 4).writeInt(5 + random.nextInt(30));                       // accuracy_m
            field(out, 2).writeShort(1);                                          // source
            field(out, 4).writeFloat((float) random.nextDouble(2));               // speed_mps
            field(out, 4).writeFloat((float) random.nextDouble(360));             // heading_deg
            field(out, 2).writeShort(20 + random.nextInt(80));                    // battery
            field(out, 1).writeBoolean(false);                                    // late
        }
        out.writeShort(-1);
        out.flush();
        return bytes.toByteArray();
    }

    private static DataOutputStream field(DataOutputStream out, int length) throws IOException {
        out.writeInt(length);
        return out;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
