package org.shouhu.protocol.internal;

import java.util.Arrays;

/**
 * Writes big-endian fields into a growing buffer and appends the CRC trailer. Not thread-safe: one writer per frame.
 */
public final class FrameWriter {

    private byte[] buffer;
    private int length;

    public FrameWriter(int expectedSize) {
        buffer = new byte[Math.max(16, expectedSize)];
    }

    public FrameWriter u8(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
        return this;
    }

    public FrameWriter u16(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
        return this;
    }

    public FrameWriter i32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    public FrameWriter u32(long value) {
        return i32((int) value);
    }

    public FrameWriter i64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Appends the CRC of everything written so far and returns the finished frame. */
    public byte[] finish() {
        u16(Crc16.compute(buffer, 0, length));
        return Arrays.copyOf(buffer, length);
    }

    private void ensure(int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
    }
}
