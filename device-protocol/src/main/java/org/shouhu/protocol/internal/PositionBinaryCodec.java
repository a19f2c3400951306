package org.shouhu.protocol.internal;

import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.ProtocolException;

/**
 * Binary form of {@link PositionReport}: header (14), fix (23) at byte 14, battery u8 at byte 37, CRC at byte 38;
 * 40 bytes in all. Stateless and thread-safe.
 */
public final class PositionBinaryCodec {

    public static final int FIX_OFFSET = FrameHeader.SIZE;
    public static final int BATTERY_OFFSET = FIX_OFFSET + RawFix.SIZE;
    public static final int SIZE = BATTERY_OFFSET + 1 + FrameReader.CHECKSUM_SIZE;

    private PositionBinaryCodec() {
    }

    /** Decodes the body after {@code header}; the reader stands at byte 14. */
    public static PositionReport decode(FrameHeader header, FrameReader reader, FixRules rules)
            throws ProtocolException {
        RawFix rawFix = RawFix.read(reader, "fix");
        int battery = reader.u8("battery");
        reader.finish();
        FieldLocation frame = FieldLocation.binary("", 0);
        return new PositionReport(header.device(), header.sequence(), rules.validate(rawFix),
                Battery.check(battery, frame, "battery", BATTERY_OFFSET));
    }

    public static byte[] encode(PositionReport report) {
        FrameWriter writer = new FrameWriter(SIZE);
        FrameHeader.write(writer, MessageType.POSITION.code(), report.deviceId(), report.sequence());
        RawFix.of(report.fix()).write(writer);
        return writer.u8(report.batteryPercent()).finish();
    }
}
