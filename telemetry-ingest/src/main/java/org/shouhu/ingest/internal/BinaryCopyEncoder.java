package org.shouhu.ingest.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.shouhu.protocol.Fix;

/**
 * Encodes staged positions in PostgreSQL's binary COPY format: a fixed header, then per row a 16-bit field count
 * and each field as a 32-bit length followed by its big-endian value. Column order and types must match
 * {@link StagingCopy#CREATE}, or for {@link #encodePositions} the column list of {@link DirectPositionWrite#COPY}.
 * Stateless and thread-safe.
 */
final class BinaryCopyEncoder {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short FIELDS = 14;
    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int BYTES_PER_ROW = 2 + FIELDS * 4 + 4 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + 2 + 4 + 4 + 2 + 1 + 1;
    private static final short POSITION_FIELDS = 12;
    private static final int BYTES_PER_POSITION = 2 + POSITION_FIELDS * 4 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + 2 + 4 + 4 + 2
            + 1;

    private BinaryCopyEncoder() {
    }

    /**
     * Encodes into one array of exactly the right size, through a {@link ByteBuffer}: a {@code DataOutputStream} over a
     * {@code ByteArrayOutputStream} took a lock for every byte of every number.
     */
    static byte[] encode(List<StagedPosition> rows) {
        ByteBuffer out = ByteBuffer.allocate(SIGNATURE.length + 4 + 4 + rows.size() * BYTES_PER_ROW + 2);
        out.put(SIGNATURE);
        out.putInt(0); // flags: no OIDs
        out.putInt(0); // header extension length
        for (int i = 0; i < rows.size(); i++) {
            writeRow(out, i, rows.get(i));
        }
        out.putShort((short) -1); // trailer
        if (out.hasRemaining()) {
            throw new IllegalStateException("binary COPY row size is off: " + out.remaining() + " bytes left");
        }
        return out.array();
    }

    /**
     * Encodes rows of {@code positions} (device, sequence, fix time, received, latitude, longitude, accuracy, source,
     * speed, heading, battery, late), {@code late[i]} being row {@code i}'s flag.
     */
    static byte[] encodePositions(List<StagedPosition> rows, boolean[] late) {
        ByteBuffer out = ByteBuffer.allocate(SIGNATURE.length + 4 + 4 + rows.size() * BYTES_PER_POSITION + 2);
        out.put(SIGNATURE);
        out.putInt(0);
        out.putInt(0);
        for (int i = 0; i < rows.size(); i++) {
            StagedPosition row = rows.get(i);
            Fix fix = row.fix();
            out.putShort(POSITION_FIELDS);
            int8(out, row.device().imei());
            int8(out, row.sequence());
            int8(out, micros(fix.time()));
            int8(out, micros(row.receivedAt()));
            out.putInt(8).putDouble(fix.latitude());
            out.putInt(8).putDouble(fix.longitude());
            int4(out, fix.accuracyMetres());
            int2(out, fix.source().code());
            out.putInt(4).putFloat((float) fix.speedMps());
            out.putInt(4).putFloat((float) fix.headingDegrees());
            int2(out, row.battery());
            bool(out, late[i]);
        }
        out.putShort((short) -1);
        if (out.hasRemaining()) {
            throw new IllegalStateException("binary COPY row size is off: " + out.remaining() + " bytes left");
        }
        return out.array();
    }

    private static void writeRow(ByteBuffer out, int ord, StagedPosition row) {
        Fix fix = row.fix();
        out.putShort(FIELDS);
        int4(out, ord);
        int8(out, row.device().imei());
        int8(out, row.sequence());
        int8(out, micros(fix.time()));
        int8(out, micros(row.receivedAt()));
        out.putInt(8).putDouble(fix.latitude());
        out.putInt(8).putDouble(fix.longitude());
        int4(out, fix.accuracyMetres());
        int2(out, fix.source().code());
        out.putInt(4).putFloat((float) fix.speedMps());
        out.putInt(4).putFloat((float) fix.headingDegrees());
        int2(out, row.battery());
        bool(out, row.fromBatch());
        bool(out, fix.hasPosition());
    }

    private static long micros(Instant instant) {
        return StagedPosition.micros(instant) - POSTGRES_EPOCH_MICROS;
    }

    private static void int2(ByteBuffer out, int value) {
        out.putInt(2).putShort((short) value);
    }

    private static void int4(ByteBuffer out, int value) {
        out.putInt(4).putInt(value);
    }

    private static void int8(ByteBuffer out, long value) {
        out.putInt(8).putLong(value);
    }

    private static void bool(ByteBuffer out, boolean value) {
        out.putInt(1).put((byte) (value ? 1 : 0));
    }
}
