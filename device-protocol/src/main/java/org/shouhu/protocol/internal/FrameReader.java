package org.shouhu.protocol.internal;

import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * Reads big-endian fields from one binary frame and keeps the offset, so that every error says where it happened:
 * {@code TRUNCATED at byte 14: fix needs 23 bytes, 10 left}. Reading is structural only (lengths); field values are
 * checked later, after the checksum has shown the bytes are the ones the device sent. Not thread-safe: one reader
 * per frame.
 */
public final class FrameReader {

    /** Size of the CRC trailer that ends every frame. */
    public static final int CHECKSUM_SIZE = 2;

    private final byte[] frame;
    private int offset;

    public FrameReader(byte[] frame) {
        this.frame = frame;
    }

    /** Offset of the next byte to read. */
    public int offset() {
        return offset;
    }

    public int remaining() {
        return frame.length - offset;
    }

    /** Fails with TRUNCATED unless {@code count} more bytes are present for {@code what}. */
    public void require(long count, String what) throws ProtocolException {
        if (count > remaining()) {
            throw new ProtocolException(Reason.TRUNCATED, offset,
                    what + " needs " + count + " bytes, " + remaining() + " left");
        }
    }

    public int u8(String what) throws ProtocolException {
        require(1, what);
        return frame[offset++] & 0xFF;
    }

    public int u16(String what) throws ProtocolException {
        require(2, what);
        int value = ((frame[offset] & 0xFF) << 8) | (frame[offset + 1] & 0xFF);
        offset += 2;
        return value;
    }

    public int i32(String what) throws ProtocolException {
        require(4, what);
        int value = ((frame[offset] & 0xFF) << 24) | ((frame[offset + 1] & 0xFF) << 16)
                | ((frame[offset + 2] & 0xFF) << 8) | (frame[offset + 3] & 0xFF);
        offset += 4;
        return value;
    }

    public long u32(String what) throws ProtocolException {
        return i32(what) & 0xFFFF_FFFFL;
    }

    /** A 64-bit field as a signed long; unsigned fields above 2^63-1 come out negative and fail validation. */
    public long i64(String what) throws ProtocolException {
        require(8, what);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (frame[offset + i] & 0xFF);
        }
        offset += 8;
        return value;
    }

    /**
     * Reads the CRC trailer, which must end the frame, and checks it against every byte before it.
     *
     * @throws ProtocolException TRUNCATED when fewer than two bytes are left, TRAILING_BYTES when more than two are
     *                           left, BAD_CHECKSUM when the CRC does not match
     */
    public void finish() throws ProtocolException {
        require(CHECKSUM_SIZE, "checksum");
        int trailerAt = offset;
        if (remaining() > CHECKSUM_SIZE) {
            throw new ProtocolException(Reason.TRAILING_BYTES, trailerAt + CHECKSUM_SIZE,
                    "frame ends after the checksum at byte " + (trailerAt + CHECKSUM_SIZE) + ", but "
                            + (remaining() - CHECKSUM_SIZE) + " more bytes follow");
        }
        int expected = Crc16.compute(frame, 0, trailerAt);
        int actual = u16("checksum");
        if (actual != expected) {
            throw new ProtocolException(Reason.BAD_CHECKSUM, trailerAt,
                    String.format("frame says CRC 0x%04X, bytes 0..%d give 0x%04X", actual, trailerAt - 1, expected));
        }
    }
}
