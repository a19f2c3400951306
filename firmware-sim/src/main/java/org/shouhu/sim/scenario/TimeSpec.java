package org.shouhu.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a scenario event happens: an absolute instant, an offset from the start, or a local clock time. */
public sealed interface TimeSpec {

    ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");

    /** The instant this spec names for a run that starts at {@code start}. */
    Instant resolve(Instant start);

    record Absolute(Instant instant) implements TimeSpec {
        @Override
        public Instant resolve(Instant start) {
            return instant;
        }
    }

    /** {@code +2h30m}: that long after the start. */
    record AfterStart(Duration offset) implements TimeSpec {
        @Override
        public Instant resolve(Instant start) {
            return start.plus(offset);
        }
    }

    /**
     * {@code 07:35} or {@code day 2 07:35}: that local (Asia/Shanghai) time on the start's local date plus
     * {@code day - 1} days.
     */
    record LocalClock(int day, LocalTime time) implements TimeSpec {
        public LocalClock {
            if (day < 1) {
                throw new IllegalArgumentException("day must be >= 1: " + day);
            }
        }

        @Override
        public Instant resolve(Instant start) {
            ZonedDateTime startLocal = start.atZone(LOCAL_ZONE);
            return startLocal.toLocalDate().plusDays(day - 1L).atTime(time).atZone(LOCAL_ZONE).toInstant();
        }
    }
}
