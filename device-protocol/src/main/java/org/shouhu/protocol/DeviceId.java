package org.shouhu.protocol;

/**
 * A wristband's identity: its 15-digit IMEI. On the wire it is an unsigned 64-bit integer (binary form) or a
 * 15-character decimal string (topics, JSON); leading zeros are significant in the text form.
 */
public record DeviceId(long imei) implements Comparable<DeviceId> {

    /** One past the largest 15-digit number. */
    public static final long LIMIT = 1_000_000_000_000_000L;

    public DeviceId {
        if (imei < 0 || imei >= LIMIT) {
            throw new IllegalArgumentException("device id must have at most 15 decimal digits: " + imei);
        }
    }

    /**
     * Parses the 15-digit text form.
     *
     * @throws IllegalArgumentException when the text is not exactly 15 decimal digits
     */
    public static DeviceId parse(String text) {
        if (text == null || text.length() != 15) {
            throw new IllegalArgumentException("device id must be 15 decimal digits: " + text);
        }
        long value = 0;
        for (int i = 0; i < 15; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("device id must be 15 decimal digits: " + text);
            }
            value = value * 10 + (c - '0');
        }
        return new DeviceId(value);
    }

    @Override
    public int compareTo(DeviceId other) {
        return Long.compare(imei, other.imei);
    }

    /** The 15-digit text form, zero-padded. */
    @Override
    public String toString() {
        String digits = Long.toString(imei);
        return "0".repeat(15 - digits.length()) + digits;
    }
}
