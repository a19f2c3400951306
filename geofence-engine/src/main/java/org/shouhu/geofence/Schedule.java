package org.shouhu.geofence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a rule is active, in a zone's local time: on which days, during which windows of those days, with holidays
 * as exceptions and extra days (the weekend school days China schedules around public holidays) as additions.
 * Immutable and thread-safe.
 *
 * @param days      days of the week the schedule runs
 * @param windows   windows of the day; empty means the whole day
 * @param holidays  dates on which it does not run although their day of week is listed
 * @param extraDays dates on which it runs although their day of week is not listed
 */
public record Schedule(Set<DayOfWeek> days, List<DailyWindow> windows, Set<LocalDate> holidays,
                       Set<LocalDate> extraDays) {

    /** Every day, all day. */
    public static final Schedule ALWAYS = new Schedule(EnumSet.allOf(DayOfWeek.class), List.of(), Set.of(), Set.of());

    /** Monday to Friday, the given windows. */
    public static Schedule weekdays(DailyWindow... windows) {
        return new Schedule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), List.of(windows), Set.of(), Set.of());
    }

    public Schedule {
        days = Set.copyOf(days);
        windows = List.copyOf(windows);
        holidays = Set.copyOf(holidays);
        extraDays = Set.copyOf(extraDays);
    }

    /** The same schedule with more holidays. */
    public Schedule withHolidays(Set<LocalDate> more) {
        Set<LocalDate> all = new java.util.HashSet<>(holidays);
        all.addAll(Objects.requireNonNull(more));
        return new Schedule(days, windows, all, extraDays);
    }

    /** Whether the schedule runs on this local date at all. */
    public boolean runsOn(LocalDate date) {
        if (extraDays.contains(date)) {
            return true;
        }
        return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** Whether the instant falls in an active window, read in the given time zone. */
    public boolean isActive(Instant instant, ZoneId timeZone) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, timeZone);
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (windows.isEmpty()) {
            return runsOn(date);
        }
        for (DailyWindow window : windows) {
            if (!window.overnight()) {
                if (!time.isBefore(window.from()) && time.isBefore(window.to()) && runsOn(date)) {
                    return true;
                }
            } else if (!time.isBefore(window.from())) {
                if (runsOn(date)) {
                    return true;
                }
            } else if (time.isBefore(window.to()) && runsOn(date.minusDays(1))) {
                return true;
            }
        }
        return false;
    }
}
