package org.shouhu.protocol.internal;

import java.util.function.IntPredicate;

import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * The 14-byte header that starts every binary frame, uplink and downlink:
 * version u8 (0x01), type u8, device id u64, sequence (or command id) u32.
 *
 * @param typeCode  the type byte, not yet checked against a known kind
 * @param rawDevice the device id field as read; checked by {@link #device()}
 * @param sequence  the unsigned 32-bit sequence or command id
 */
public record FrameHeader(int typeCode, long rawDevice, long sequence) {

    public static final int VERSION = 0x01;
    public static final int SIZE = 14;
    public static final int TYPE_OFFSET = 1;
    public static final int DEVICE_OFFSET = 2;
    public static final int SEQUENCE_OFFSET = 10;

    /**
     * Reads the header. The version is checked before anything else is read and the type right after it, so that a
     * frame of another version or kind is named as such rather than as truncated.
     *
     * @param knownType whether a type byte is a kind this direction knows
     * @param direction "uplink" or "downlink", for the error message
     */
    public static FrameHeader read(FrameReader reader, IntPredicate knownType, String direction)
            throws ProtocolException {
        int version = reader.u8("version");
        if (version != VERSION) {
            throw new ProtocolException(Reason.UNSUPPORTED_VERSION, 0,
                    String.format("version byte 0x%02X, this decoder speaks version 0x01", version));
        }
        int type = reader.u8("type");
        if (!knownType.test(type)) {
            throw new ProtocolException(Reason.UNKNOWN_TYPE, TYPE_OFFSET,
                    String.format("type byte 0x%02X is not a known %s kind", type, direction));
        }
        long device = reader.i64("device id");
        long sequence = reader.u32("sequence");
        return new FrameHeader(type, device, sequence);
    }

    public static void write(FrameWriter writer, int typeCode, DeviceId device, long sequence) {
        writer.u8(VERSION).u8(typeCode).i64(device.imei()).u32(sequence);
    }

    /** The device id, once the checksum has been verified. */
    public DeviceId device() throws ProtocolException {
        if (rawDevice < 0 || rawDevice >= DeviceId.LIMIT) {
            throw new ProtocolException(Reason.INVALID_FIELD, DEVICE_OFFSET,
                    "device id " + Long.toUnsignedString(rawDevice) + " has more than 15 decimal digits");
        }
        return new DeviceId(rawDevice);
    }
}
