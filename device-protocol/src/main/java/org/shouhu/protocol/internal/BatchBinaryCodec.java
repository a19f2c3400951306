package org.shouhu.protocol.internal;

import java.util.ArrayList;
import java.util.List;

import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionBatch;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * Binary form of {@link PositionBatch}: header (14), count u16 at byte 14, then {@code count} entries of 28 bytes
 * from byte 16 (sequence u32, fix 23, battery u8), then the CRC; 18 + 28 * count bytes in all. A batch is accepted
 * or rejected as a whole, and a rejection names the entry. Stateless and thread-safe.
 */
public final class BatchBinaryCodec {

    public static final int COUNT_OFFSET = FrameHeader.SIZE;
    public static final int ENTRIES_OFFSET = COUNT_OFFSET + 2;
    public static final int ENTRY_SIZE = 4 + RawFix.SIZE + 1;

    private BatchBinaryCodec() {
    }

    /** Total frame size of a batch of {@code count} positions. */
    public static int size(int count) {
        return ENTRIES_OFFSET + ENTRY_SIZE * count + FrameReader.CHECKSUM_SIZE;
    }

    private record Entry(long sequence, RawFix fix, int battery, int offset) {
    }

    public static PositionBatch decode(FrameHeader header, FrameReader reader, FixRules rules)
            throws ProtocolException {
        int count = reader.u16("count");
        reader.require((long) count * ENTRY_SIZE, count + " batch entries of " + ENTRY_SIZE + " bytes");
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // All entries are known to be there (required above), so these reads cannot fail.
            int start = reader.offset();
            long sequence = reader.u32("batch entry");
            RawFix fix = RawFix.read(reader, "positions[" + i + "].fix");
            entries.add(new Entry(sequence, fix, reader.u8("batch entry"), start));
        }
        reader.finish();
        if (count == 0 || count > PositionBatch.MAX_POSITIONS) {
            throw new ProtocolException(Reason.INVALID_FIELD, COUNT_OFFSET,
                    "count " + count + " is outside 1.." + PositionBatch.MAX_POSITIONS);
        }
        DeviceId device = header.device();
        List<PositionReport> positions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Entry entry = entries.get(i);
            FieldLocation at = FieldLocation.binary("positions[" + i + "]", entry.offset());
            positions.add(new PositionReport(device, entry.sequence(), rules.validate(entry.fix()),
                    Battery.check(entry.battery(), at, "battery", ENTRY_SIZE - 1)));
        }
        return new PositionBatch(device, header.sequence(), positions);
    }

    public static byte[] encode(PositionBatch batch) {
        FrameWriter writer = new FrameWriter(size(batch.positions().size()));
        FrameHeader.write(writer, MessageType.POSITION_BATCH.code(), batch.deviceId(), batch.sequence());
        writer.u16(batch.positions().size());
        for (PositionReport report : batch.positions()) {
            writer.u32(report.sequence());
            RawFix.of(report.fix()).write(writer);
            writer.u8(report.batteryPercent());
        }
        return writer.finish();
    }
}
