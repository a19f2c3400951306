package org.shouhu.ingest.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.shouhu.protocol.Fix;

/**
 * Encodes staged positions in PostgreSQL's binary COPY format: a fixed header, then per row a 16-bit field count
 * and each field as a 32-bit length followed by its big-endian value. Column order and types must match
 * {@link StagingCopy#CREATE}. Stateless and thread-safe.
 */
final class BinaryCopyEncoder {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short FIELDS = 14;
    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int BYTES_PER_ROW = 2 + FIELDS * 4 + 4 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + 2 + 4 + 4 + 2 + 1 + 1;

    private BinaryCopyEncoder() {
    }

    static byte[] encode(List<StagedPosition> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(SIGNATURE.length + 10 + rows.size() * BYTES_PER_ROW);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(SIGNATURE);
            out.writeInt(0); // flags: no OIDs
            out.writeInt(0); // header extension length
            for (int i = 0; i < rows.size(); i++) {
                writeRow(out, i, rows.get(i));
            }
            out.writeShort(-1); // trailer
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void writeRow(DataOutputStream out, int ord, StagedPosition row) throws IOException {
        Fix fix = row.fix();
        out.writeShort(FIELDS);
        int4(out, ord);
        int8(out, row.device().imei());
        int8(out, row.sequence());
        int8(out, micros(fix.time()));
        int8(out, micros(row.receivedAt()));
        out.writeInt(8);
        out.writeDouble(fix.latitude());
        out.writeInt(8);
        out.writeDouble(fix.longitude());
        int4(out, fix.accuracyMetres());
        int2(out, fix.source().code());
        out.writeInt(4);
        out.writeFloat((float) fix.speedMps());
        out.writeInt(4);
        out.writeFloat((float) fix.headingDegrees());
        int2(out, row.battery());
        bool(out, row.fromBatch());
        bool(out, fix.hasPosition());
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000)
                - POSTGRES_EPOCH_MICROS;
    }

    private static void int2(DataOutputStream out, int value) throws IOException {
        out.writeInt(2);
        out.writeShort(value);
    }

    private static void int4(DataOutputStream out, int value) throws IOException {
        out.writeInt(4);
        out.writeInt(value);
    }

    private static void int8(DataOutputStream out, long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }

    private static void bool(DataOutputStream out, boolean value) throws IOException {
        out.writeInt(1);
        out.writeByte(value ? 1 : 0);
    }
}
