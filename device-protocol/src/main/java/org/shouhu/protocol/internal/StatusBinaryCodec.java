package org.shouhu.protocol.internal;

import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;
import org.shouhu.protocol.StatusReport;

/**
 * Binary form of {@link StatusReport}: header (14), time i64 epoch ms at byte 14, battery u8 at byte 22, flags u8 at
 * byte 23 (bit 0 worn, bit 1 charging, bits 2..7 zero), CRC at byte 24; 26 bytes in all. Stateless and thread-safe.
 */
public final class StatusBinaryCodec {

    public static final int TIME_OFFSET = FrameHeader.SIZE;
    public static final int BATTERY_OFFSET = TIME_OFFSET + 8;
    public static final int FLAGS_OFFSET = BATTERY_OFFSET + 1;
    public static final int SIZE = FLAGS_OFFSET + 1 + FrameReader.CHECKSUM_SIZE;

    static final int WORN = 0x01;
    static final int CHARGING = 0x02;

    private StatusBinaryCodec() {
    }

    public static StatusReport decode(FrameHeader header, FrameReader reader, FixRules rules)
            throws ProtocolException {
        long time = reader.i64("time");
        int battery = reader.u8("battery");
        int flags = reader.u8("flags");
        reader.finish();
        FieldLocation frame = FieldLocation.binary("", 0);
        if ((flags & ~(WORN | CHARGING)) != 0) {
            throw frame.error(Reason.INVALID_FIELD, "flags", FLAGS_OFFSET,
                    String.format("0x%02X sets reserved bits (only bit 0 worn and bit 1 charging are defined)", flags));
        }
        return new StatusReport(header.device(), header.sequence(),
                rules.notInFuture(time, frame, "time", TIME_OFFSET),
                Battery.check(battery, frame, "battery", BATTERY_OFFSET),
                (flags & WORN) != 0, (flags & CHARGING) != 0);
    }

    /** @throws IllegalArgumentException when the time cannot be encoded as epoch milliseconds */
    public static byte[] encode(StatusReport status) {
        FrameWriter writer = new FrameWriter(SIZE);
        FrameHeader.write(writer, MessageType.STATUS.code(), status.deviceId(), status.sequence());
        writer.i64(Times.epochMillis(status.time(), "time")).u8(status.batteryPercent());
        return writer.u8((status.worn() ? WORN : 0) | (status.charging() ? CHARGING : 0)).finish();
    }
}
