package org.shouhu.protocol.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** Timestamp conversions shared by both forms. Stateless and thread-safe. */
public final class Times {

    /** ISO-8601 UTC with exactly three fraction digits, e.g. {@code 2026-11-23T08:00:00.000Z}. */
    public static final DateTimeFormatter JSON_FORMAT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private Times() {
    }

    /**
     * Epoch milliseconds of an instant, truncating anything finer than a millisecond.
     *
     * @throws IllegalArgumentException when the instant is outside the range of a long of milliseconds
     */
    public static long epochMillis(Instant instant, String field) {
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " cannot be encoded as epoch milliseconds: " + instant, e);
        }
    }

    public static String format(long epochMillis) {
        return JSON_FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}
