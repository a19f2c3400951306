package org.shouhu.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void reads_durations_as_people_write_them() {
        assertThat(DurationText.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("2h30m")).isEqualTo(Duration.ofMinutes(150));
        assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void rejects_what_is_not_a_duration() {
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("10"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("ten minutes"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("5m junk"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse(""));
    }
}
