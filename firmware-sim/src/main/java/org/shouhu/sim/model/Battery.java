package org.shouhu.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * A wristband battery: drains faster while moving (GNSS tracking) than still, and is charged overnight
 * (20:30..06:30 local) on the nights the grandparents remember (decided by {@link #chargedOnNightOf}). An empty band
 * is off until it is charged. Not thread-safe; owned by one {@link DeviceSimulation}.
 */
final class Battery {

    static final int LOW_PERCENT = 20;
    static final int CRITICAL_PERCENT = 10;
    private static final double DRAIN_STILL_PER_HOUR = 1.2;
    private static final double DRAIN_MOVING_PER_HOUR = 4.0;
    private static final double CHARGE_PER_HOUR = 30.0;
    private static final LocalTime CHARGE_FROM = LocalTime.of(20, 30);
    private static final LocalTime CHARGE_UNTIL = LocalTime.of(6, 30);

    /** Decides, for a calendar date, whether the band is put on the charger that evening. */
    interface ChargingHabit {
        boolean chargedOnNightOf(LocalDate date);
    }

    private final ChargingHabit habit;
    private double percent;
    private Instant updatedAt;

    Battery(double initialPercent, Instant at, ChargingHabit habit) {
        this.percent = initialPercent;
        this.updatedAt = at;
        this.habit = habit;
    }

    /** Brings the level forward to {@code t}, assuming the band was moving or still all along since the last update. */
    void advanceTo(Instant t, boolean moving) {
        if (!t.isAfter(updatedAt)) {
            return;
        }
        double hours = Duration.between(updatedAt, t).toMillis() / 3_600_000.0;
        if (charging(t)) {
            percent = Math.min(100.0, percent + CHARGE_PER_HOUR * hours);
        } else {
            percent = Math.max(0.0, percent - (moving ? DRAIN_MOVING_PER_HOUR : DRAIN_STILL_PER_HOUR) * hours);
        }
        updatedAt = t;
    }

    boolean charging(Instant t) {
        ZonedDateTime local = t.atZone(DayPlanner.ZONE);
        LocalTime time = local.toLocalTime();
        if (!time.isBefore(CHARGE_FROM)) {
            return habit.chargedOnNightOf(local.toLocalDate());
        }
        if (time.isBefore(CHARGE_UNTIL)) {
            return habit.chargedOnNightOf(local.toLocalDate().minusDays(1));
        }
        return false;
    }

    int percent() {
        return (int) Math.ceil(percent);
    }

    boolean empty() {
        return percent <= 0.0;
    }
}
