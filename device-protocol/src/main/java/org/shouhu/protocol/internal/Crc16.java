package org.shouhu.protocol.internal;

/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor. The check value of the
 * ASCII string "123456789" is 0x29B1. Stateless and thread-safe.
 */
public final class Crc16 {

    private static final int[] TABLE = buildTable();

    private Crc16() {
    }

    /** The CRC of {@code length} bytes of {@code data} starting at {@code from}, as 0..0xFFFF. */
    public static int compute(byte[] data, int from, int length) {
        int crc = 0xFFFF;
        for (int i = from; i < from + length; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    private static int[] buildTable() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            table[b] = crc & 0xFFFF;
        }
        return table;
    }
}
