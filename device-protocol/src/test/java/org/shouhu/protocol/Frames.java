package org.shouhu.protocol;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.shouhu.protocol.internal.Crc16;

/** Builds test frames by patching valid ones, and asserts rejections. */
final class Frames {

    private Frames() {
    }

    /** A copy of {@code frame} with {@code size} bytes at {@code offset} set to {@code value}, CRC recomputed. */
    static byte[] patched(byte[] frame, int offset, long value, int size) {
        byte[] copy = frame.clone();
        for (int i = 0; i < size; i++) {
            copy[offset + i] = (byte) (value >>> (8 * (size - 1 - i)));
        }
        return withValidCrc(copy);
    }

    /** A copy of {@code frame} whose last two bytes are the CRC of the rest. */
    static byte[] withValidCrc(byte[] frame) {
        byte[] copy = frame.clone();
        int crc = Crc16.compute(copy, 0, copy.length - 2);
        copy[copy.length - 2] = (byte) (crc >>> 8);
        copy[copy.length - 1] = (byte) crc;
        return copy;
    }

    static byte[] prefix(byte[] frame, int length) {
        return Arrays.copyOf(frame, length);
    }

    static ProtocolException rejected(UplinkCodec codec, String topic, byte[] payload) {
        return assertThrows(ProtocolException.class, () -> codec.decode(topic, payload));
    }

    static ProtocolException rejected(String topic, byte[] payload) {
        return rejected(Examples.CODEC, topic, payload);
    }

    static byte[] binary(UplinkMessage message) {
        return UplinkCodec.encodeBinary(message);
    }

    static byte[] json(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
