package org.shouhu.protocol.internal;

import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.SosPress;

/**
 * Binary form of {@link SosPress}: header (14), press time i64 epoch ms at byte 14, fix (23) at byte 22, battery u8
 * at byte 45, CRC at byte 46; 48 bytes in all. Only frame errors (length, checksum, version, device id) reject an
 * SOS; its content is repaired by {@link SosRules}. Stateless and thread-safe.
 */
public final class SosBinaryCodec {

    public static final int PRESSED_OFFSET = FrameHeader.SIZE;
    public static final int FIX_OFFSET = PRESSED_OFFSET + 8;
    public static final int BATTERY_OFFSET = FIX_OFFSET + RawFix.SIZE;
    public static final int SIZE = BATTERY_OFFSET + 1 + FrameReader.CHECKSUM_SIZE;

    private SosBinaryCodec() {
    }

    public static SosPress decode(FrameHeader header, FrameReader reader, FixRules rules) throws ProtocolException {
        long pressedAt = reader.i64("pressed");
        RawFix rawFix = RawFix.read(reader, "fix");
        int battery = reader.u8("battery");
        reader.finish();
        return SosRules.accept(header.device(), header.sequence(), pressedAt, rawFix, battery, rules);
    }

    /** @throws IllegalArgumentException when a time cannot be encoded as epoch milliseconds */
    public static byte[] encode(SosPress sos) {
        FrameWriter writer = new FrameWriter(SIZE);
        FrameHeader.write(writer, MessageType.SOS.code(), sos.deviceId(), sos.sequence());
        writer.i64(Times.epochMillis(sos.pressedAt(), "pressedAt"));
        RawFix.of(sos.fix()).write(writer);
        return writer.u8(sos.batteryPercent()).finish();
    }
}
