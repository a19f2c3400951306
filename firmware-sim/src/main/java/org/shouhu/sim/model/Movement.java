package org.shouhu.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.shouhu.sim.internal.Seeds;
import org.shouhu.sim.region.GeoPoint;

/**
 * Where the band is, and whether it is on the child's wrist: the daily routine, overridden by scripted excursions,
 * and frozen in place while the band lies where it was taken off (by habit on some evenings, or by a scenario).
 * Not thread-safe; owned by one {@link DeviceSimulation}.
 */
final class Movement {

    private static final double EXCURSION_SPEED_MPS = 1.2;
    private static final double EVENING_REMOVAL_PROBABILITY = 0.06;
    private static final long HABIT_REMOVAL = 0x52454D4FL;

    private final DeviceProfile profile;
    private final long seed;
    private final DailyRoutine routine;
    private final List<Leg> excursion = new ArrayList<>();
    private final List<Window> scriptedRemovals = new ArrayList<>();

    Movement(DeviceProfile profile, long seed) {
        this.profile = profile;
        this.seed = seed;
        this.routine = new DailyRoutine(profile, seed);
    }

    Whereabouts at(Instant t) {
        Optional<Window> removal = removalAt(t);
        if (removal.isPresent()) {
            // The band lies where it was taken off, and a band on a table sees the sky like one indoors.
            return Whereabouts.still(wornWhereabouts(removal.get().start()).position(), Activity.AT_HOME);
        }
        return wornWhereabouts(t);
    }

    boolean worn(Instant t) {
        return removalAt(t).isEmpty();
    }

    /** Sends the child from where it is at {@code t} to {@code target}, to stay there and walk back. */
    void excursion(Instant t, GeoPoint target, Duration stay) {
        GeoPoint from = wornWhereabouts(t).position();
        Instant arrive = t.plusMillis(walkMillis(from, target));
        Instant leave = arrive.plus(stay);
        GeoPoint back = routine.at(leave).position();
        Instant home = leave.plusMillis(walkMillis(target, back));
        excursion.clear();
        excursion.add(new Leg(t, arrive, from, target, Activity.TRAVELLING));
        excursion.add(new Leg(arrive, leave, target, target, Activity.AT_DANGER_SPOT));
        excursion.add(new Leg(leave, home, target, back, Activity.TRAVELLING));
    }

    void removeBand(Instant t, Duration duration) {
        scriptedRemovals.add(new Window(t, t.plus(duration)));
    }

    GeoPoint dangerSpot() {
        return profile.dangerSpot();
    }

    private Whereabouts wornWhereabouts(Instant t) {
        for (Leg leg : excursion) {
            if (leg.covers(t)) {
                return leg.at(t);
            }
        }
        return routine.at(t);
    }

    private Optional<Window> removalAt(Instant t) {
        for (Window window : scriptedRemovals) {
            if (window.covers(t)) {
                return Optional.of(window);
            }
        }
        return eveningRemoval(t.atZone(DayPlanner.ZONE).toLocalDate()).filter(w -> w.covers(t));
    }

    /** Some evenings the band comes off for a bath or because it itches: 18:00..20:00 local, for one to three hours. */
    private Optional<Window> eveningRemoval(LocalDate date) {
        SplittableRandom random = Seeds.stream(seed, profile.deviceId().imei(), date.toEpochDay(), HABIT_REMOVAL);
        if (random.nextDouble() >= EVENING_REMOVAL_PROBABILITY) {
            return Optional.empty();
        }
        Instant start = date.atTime(LocalTime.of(18, 0)).atZone(DayPlanner.ZONE).toInstant()
                .plusSeconds(random.nextLong(0, 7200));
        return Optional.of(new Window(start, start.plusSeconds(3600 + random.nextLong(0, 7200))));
    }

    private static long walkMillis(GeoPoint from, GeoPoint to) {
        return Math.round(from.distanceMetres(to) / EXCURSION_SPEED_MPS * 1000);
    }
}
