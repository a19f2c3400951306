package org.shouhu.geofence;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A time-of-day window {@code [from, to)} in local time. When {@code to} is not after {@code from} the window runs
 * past midnight (night hours 21:00-06:00) and belongs to the day it starts on.
 */
public record DailyWindow(LocalTime from, LocalTime to) {

    public DailyWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** Whether the window runs past midnight. */
    public boolean overnight() {
        return !to.isAfter(from);
    }
}
