package org.shouhu.ingest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.PGConnection;
import org.shouhu.protocol.Fix;

/**
 * Streams positions into the per-connection temporary table {@code ingest_staging} with {@code COPY ... FROM STDIN},
 * in PostgreSQL's binary format (measured faster than the text format, see {@code docs/ingest.md}) or its text
 * format. The staging table empties itself at commit, so a connection reuses it for every batch. Stateless and
 * thread-safe; the connection is not.
 */
final class StagingCopy {

    static final String CREATE = """
            CREATE TEMPORARY TABLE IF NOT EXISTS ingest_staging (
                ord          integer          NOT NULL,
                device_id    bigint           NOT NULL,
                seq          bigint           NOT NULL,
                fix_time     timestamptz      NOT NULL,
                received_at  timestamptz      NOT NULL,
                lat          double precision NOT NULL,
                lon          double precision NOT NULL,
                accuracy_m   integer          NOT NULL,
                source       smallint         NOT NULL,
                speed_mps    real             NOT NULL,
                heading_deg  real             NOT NULL,
                battery      smallint         NOT NULL,
                from_batch   boolean          NOT NULL,
                has_position boolean          NOT NULL
            ) ON COMMIT DELETE ROWS""";

    /** The two encodings PostgreSQL's COPY accepts. */
    enum Format {
        TEXT, BINARY
    }

    private static final String COPY = "COPY ingest_staging (ord, device_id, seq, fix_time, received_at, lat, lon, "
            + "accuracy_m, source, speed_mps, heading_deg, battery, from_batch, has_position) FROM STDIN";

    // Fixed-width UTC timestamps with microseconds: PostgreSQL's own resolution, cheap to parse.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);

    private StagingCopy() {
    }

    static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        }
        connection.commit();
    }

    /** Copies the rows in binary format; their {@code ord} is their index in the list. */
    static long copy(Connection connection, List<StagedPosition> rows) throws SQLException {
        return copy(connection, rows, Format.BINARY);
    }

    static long copy(Connection connection, List<StagedPosition> rows, Format format) throws SQLException {
        byte[] data = format == Format.BINARY ? BinaryCopyEncoder.encode(rows) : encode(rows);
        String sql = format == Format.BINARY ? COPY + " WITH (FORMAT binary)" : COPY;
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(sql, new ByteArrayInputStream(data), data.length);
        } catch (IOException e) {
            throw new SQLException("COPY into staging failed: " + e.getMessage(), "08006", e);
        }
    }

    /** The text format: tab-separated columns, one line per row. */
    static byte[] encode(List<StagedPosition> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 140);
        for (int i = 0; i < rows.size(); i++) {
            StagedPosition row = rows.get(i);
            Fix fix = row.fix();
            out.append(i).append('\t')
                    .append(row.device().imei()).append('\t')
                    .append(row.sequence()).append('\t');
            timestamp(out, fix.time()).append('\t');
            timestamp(out, row.receivedAt()).append('\t')
                    .append(fix.latitude()).append('\t')
                    .append(fix.longitude()).append('\t')
                    .append(fix.accuracyMetres()).append('\t')
                    .append(fix.source().code()).append('\t')
                    .append((float) fix.speedMps()).append('\t')
                    .append((float) fix.headingDegrees()).append('\t')
                    .append(row.battery()).append('\t')
                    .append(row.fromBatch() ? 't' : 'f').append('\t')
                    .append(fix.hasPosition() ? 't' : 'f').append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder timestamp(StringBuilder out, Instant instant) {
        return out.append(TIMESTAMP.format(instant));
    }
}
