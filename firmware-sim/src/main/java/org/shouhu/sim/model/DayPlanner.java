package org.shouhu.sim.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.shouhu.sim.region.GeoPoint;

/**
 * Plans one local day of a child's routine as a list of legs, from the seed, the device and the date alone. Weekdays:
 * home at night, walk to school around 07:00, class until about 16:30, walk home, sometimes by way of a friend's
 * village or the river. Weekends: home, sometimes an outing to a friend's village or the river. Children whose
 * school is too far to walk in 90 minutes are driven (motorbike speed). Stateless and thread-safe.
 */
final class DayPlanner {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final double DRIVING_SPEED_MPS = 8.0;
    private static final double MAX_WALK_SECONDS = 90 * 60;

    private final DeviceProfile profile;
    private final long seed;

    DayPlanner(DeviceProfile profile, long seed) {
        this.profile = profile;
        this.seed = seed;
    }

    List<Leg> plan(LocalDate date) {
        SplittableRandom random = org.shouhu.sim.internal.Seeds.stream(seed, profile.deviceId().imei(), date.toEpochDay());
        Builder day = new Builder(date, profile.home());
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (weekend) {
            planWeekend(day, random);
        } else {
            planSchoolDay(day, random);
        }
        return day.finish();
    }

    private void planSchoolDay(Builder day, SplittableRandom random) {
        double speed = speedFor(profile.home(), profile.school(), random);
        day.stayUntil(LocalTime.of(7, 0).plusSeconds(random.nextLong(-20 * 60, 15 * 60)), Activity.AT_HOME);
        day.travelTo(profile.school(), speed);
        day.stayUntil(LocalTime.of(16, 30).plusSeconds(random.nextLong(0, 20 * 60)), Activity.AT_SCHOOL);
        double detour = random.nextDouble();
        if (detour < 0.12 && profile.friendVillage().distanceMetres(profile.school()) < 6_000) {
            day.travelTo(profile.friendVillage(), speedFor(profile.school(), profile.friendVillage(), random));
            day.stayFor(Duration.ofMinutes(30 + random.nextInt(60)), Activity.VISITING);
        } else if (detour < 0.16) {
            day.travelTo(profile.dangerSpot(), speedFor(profile.school(), profile.dangerSpot(), random));
            day.stayFor(Duration.ofMinutes(10 + random.nextInt(30)), Activity.AT_DANGER_SPOT);
        }
        day.travelTo(profile.home(), speedFor(day.position(), profile.home(), random));
    }

    private void planWeekend(Builder day, SplittableRandom random) {
        double outing = random.nextDouble();
        if (outing < 0.4) {
            day.stayUntil(LocalTime.of(10, 0).plusSeconds(random.nextLong(0, 3600)), Activity.AT_HOME);
            day.travelTo(profile.friendVillage(), speedFor(profile.home(), profile.friendVillage(), random));
            day.stayFor(Duration.ofHours(2).plusMinutes(random.nextInt(120)), Activity.VISITING);
            day.travelTo(profile.home(), speedFor(profile.friendVillage(), profile.home(), random));
        } else if (outing < 0.5) {
            day.stayUntil(LocalTime.of(14, 30).plusSeconds(random.nextLong(0, 3600)), Activity.AT_HOME);
            day.travelTo(profile.dangerSpot(), 1.2);
            day.stayFor(Duration.ofMinutes(20 + random.nextInt(40)), Activity.AT_DANGER_SPOT);
            day.travelTo(profile.home(), 1.2);
        }
    }

    private static double speedFor(GeoPoint from, GeoPoint to, SplittableRandom random) {
        double walking = 1.0 + random.nextDouble() * 0.5;
        return from.distanceMetres(to) / walking > MAX_WALK_SECONDS ? DRIVING_SPEED_MPS : walking;
    }

    /** Appends legs in order; the day always ends at home at midnight. */
    private static final class Builder {
        private final LocalDate date;
        private final Instant midnight;
        private final List<Leg> legs = new ArrayList<>();
        private Instant cursor;
        private GeoPoint position;

        Builder(LocalDate date, GeoPoint home) {
            this.date = date;
            this.cursor = date.atStartOfDay(ZONE).toInstant();
            this.midnight = date.plusDays(1).atStartOfDay(ZONE).toInstant();
            this.position = home;
        }

        GeoPoint position() {
            return position;
        }

        void stayUntil(LocalTime localTime, Activity activity) {
            Instant until = date.atTime(localTime).atZone(ZONE).toInstant();
            if (until.isAfter(cursor)) {
                add(until, position, activity);
            }
        }

        void stayFor(Duration duration, Activity activity) {
            add(cursor.plus(duration), position, activity);
        }

        void travelTo(GeoPoint target, double speedMps) {
            long millis = Math.round(position.distanceMetres(target) / speedMps * 1000);
            add(cursor.plusMillis(millis), target, Activity.TRAVELLING);
        }

        private void add(Instant end, GeoPoint target, Activity activity) {
            Instant clipped = end.isAfter(midnight) ? midnight : end;
            if (clipped.isAfter(cursor)) {
                legs.add(new Leg(cursor, clipped, position, target, activity));
                cursor = clipped;
            }
            position = target;
        }

        List<Leg> finish() {
            if (cursor.isBefore(midnight)) {
                legs.add(new Leg(cursor, midnight, position, position, Activity.AT_HOME));
            }
            return List.copyOf(legs);
        }
    }
}
