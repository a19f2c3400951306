package org.shouhu.server.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TrackWindowTest {

    @Test
    void today_starts_at_midnight_in_china_not_at_midnight_utc() {
        // 17:30 UTC on 23 November is 01:30 on 24 November in China.
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T17:30:00Z"), ZoneOffset.UTC);

        TrackWindow today = TrackWindow.of(null, null, null, clock);

        assertThat(today.from()).isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
        assertThat(today.to()).isEqualTo(Instant.parse("2026-11-24T16:00:00Z"));
    }

    @Test
    void a_named_date_is_that_day_in_china() {
        TrackWindow day = TrackWindow.of("2026-11-01", null, null, Clock.systemUTC());

        assertThat(day.from()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-01T16:00:00Z"));
    }

    @Test
    void an_explicit_range_is_taken_as_given() {
        TrackWindow range = TrackWindow.of(null, "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", Clock.systemUTC());

        assertThat(range.from()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }

    @Test
    void refuses_half_a_range_a_backwards_range_a_range_over_a_week_and_a_bad_date() {
        Clock clock = Clock.systemUTC();
        assertThrows(IllegalArgumentException.class, () -> TrackWindow.of(null, "2026-11-23T08:00:00Z", null, clock));
        assertThrows(IllegalArgumentException.class,
                () -> TrackWindow.of("2026-11-23", "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", clock));
        assertThrows(IllegalArgumentException.class,
                () -> TrackWindow.of(null, "2026-11-23T09:00:00Z", "2026-11-23T08:00:00Z", clock));
        assertThrows(IllegalArgumentException.class,
                () -> TrackWindow.of(null, "2026-11-01T00:00:00Z", "2026-11-09T00:00:00Z", clock));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TrackWindow.of("23/11/2026", null, null, clock));
        assertThat(bad.getMessage()).contains("YYYY-MM-DD");
    }
}
