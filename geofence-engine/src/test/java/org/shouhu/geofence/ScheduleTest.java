package org.shouhu.geofence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static boolean activeAt(Schedule schedule, String localDateTime) {
        return schedule.isActive(LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant(), SHANGHAI);
    }

    @Test
    void school_hours_are_read_in_the_zones_time_zone() {
        Schedule school = Schedule.weekdays(new DailyWindow(LocalTime.of(7, 30), LocalTime.of(16, 30)));
        assertThat(activeAt(school, "2026-11-23T07:30:00")).isTrue();
        assertThat(activeAt(school, "2026-11-23T16:29:59")).isTrue();
        assertThat(activeAt(school, "2026-11-23T16:30:00")).isFalse();
        assertThat(activeAt(school, "2026-11-22T10:00:00")).isFalse(); // Sunday
        // 02:00 UTC is 10:00 in Shanghai
        assertThat(school.isActive(LocalDateTime.parse("2026-11-23T02:00:00").atZone(ZoneId.of("UTC")).toInstant(),
                SHANGHAI)).isTrue();
    }

    @Test
    void night_hours_run_past_midnight_and_belong_to_the_day_they_start() {
        Schedule nights = new Schedule(EnumSet.of(DayOfWeek.FRIDAY),
                List.of(new DailyWindow(LocalTime.of(21, 0), LocalTime.of(6, 0))), Set.of(), Set.of());
        assertThat(activeAt(nights, "2026-11-27T22:00:00")).isTrue(); // Friday night
        assertThat(activeAt(nights, "2026-11-28T05:59:00")).isTrue(); // Saturday early, Friday's night
        assertThat(activeAt(nights, "2026-11-28T22:00:00")).isFalse(); // Saturday night
        assertThat(activeAt(nights, "2026-11-27T05:00:00")).isFalse(); // Thursday's night
    }

    @Test
    void holidays_and_extra_days_override_the_week() {
        Schedule school = Schedule.weekdays().withHolidays(Set.of(LocalDate.of(2026, 10, 1)));
        Schedule withMakeUpDay = new Schedule(school.days(), school.windows(), school.holidays(),
                Set.of(LocalDate.of(2026, 9, 27)));
        assertThat(withMakeUpDay.runsOn(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(withMakeUpDay.runsOn(LocalDate.of(2026, 9, 27))).isTrue();
        assertThat(withMakeUpDay.runsOn(LocalDate.of(2026, 9, 28))).isTrue();
        assertThat(withMakeUpDay.runsOn(LocalDate.of(2026, 10, 4))).isFalse();
    }
}
