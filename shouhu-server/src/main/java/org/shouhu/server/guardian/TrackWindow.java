package org.shouhu.server.guardian;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The time range of a track request: a calendar day in China Standard Time ({@code ?date=2026-11-23}, today by
 * default: a guardian's "today" starts at local midnight, not at midnight UTC, which is 08:00 in China), or an
 * explicit {@code ?from=&to=} pair of ISO-8601 instants at most {@link #MAX_RANGE} apart.
 */
record TrackWindow(Instant from, Instant to) {

    static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");
    static final Duration MAX_RANGE = Duration.ofDays(7);

    TrackWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the range must end after it starts: " + from + " .. " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("the range must be at most " + MAX_RANGE.toDays() + " days");
        }
    }

    /** @throws IllegalArgumentException naming the bad parameter */
    static TrackWindow of(String date, String from, String to, Clock clock) {
        if (from != null || to != null) {
            if (date != null || from == null || to == null) {
                throw new IllegalArgumentException("give either date, or both from and to");
            }
            return new TrackWindow(instant("from", from), instant("to", to));
        }
        LocalDate day;
        try {
            day = date == null ? LocalDate.now(clock.withZone(LOCAL_ZONE)) : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("date must be YYYY-MM-DD: " + date);
        }
        return new TrackWindow(day.atStartOfDay(LOCAL_ZONE).toInstant(),
                day.plusDays(1).atStartOfDay(LOCAL_ZONE).toInstant());
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant like 2026-11-23T08:00:00Z: " + text);
        }
    }

    @Override
    public String toString() {
        return from + " .. " + to;
    }
}
