package org.shouhu.geofence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;

/**
 * A small world for engine scenarios: a school square of 200 m x 200 m centred on (26.58, 106.71) in Guizhou, a
 * home 1 km east, a river corridor 500 m north of the school, and helpers to make fixes at offsets in metres.
 */
final class Scenario {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final DeviceId CHILD = DeviceId.parse("861234567890123");
    static final DeviceId OTHER_CHILD = DeviceId.parse("861234567890124");
    static final double LAT = 26.58;
    static final double LON = 106.71;
    static final double M_LAT = 1 / 110_800.0;
    static final double M_LON = 1 / (111_320 * Math.cos(Math.toRadians(LAT)));

    /** 100 m from the centre to each side. */
    static final Zone SCHOOL = TestZones.area("school-1", ZoneKind.SCHOOL,
            square(LAT, LON, 100), CHILD, OTHER_CHILD);
    static final Zone HOME = TestZones.circle("home-1", ZoneKind.HOME, LAT, LON + 1000 * M_LON, 60, CHILD);
    /** A river running east-west 500 m north of the school centre, 30 m wide. */
    static final Zone RIVER = TestZones.corridor("river-1", DangerKind.WATER,
            "LINESTRING(" + (LON - 3000 * M_LON) + " " + (LAT + 500 * M_LAT) + ", "
                    + (LON + 3000 * M_LON) + " " + (LAT + 500 * M_LAT) + ")", 15);

    private Scenario() {
    }

    static String square(double lat, double lon, double halfMetres) {
        double dLat = halfMetres * M_LAT;
        double dLon = halfMetres * M_LON;
        return "POLYGON((" + (lon - dLon) + " " + (lat - dLat) + ", " + (lon + dLon) + " " + (lat - dLat) + ", "
                + (lon + dLon) + " " + (lat + dLat) + ", " + (lon - dLon) + " " + (lat + dLat) + ", "
                + (lon - dLon) + " " + (lat - dLat) + "))";
    }

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    /** A GNSS fix {@code north} and {@code east} metres from the school centre. */
    static Fix fix(Instant time, double north, double east, int accuracy) {
        return new Fix(time, LAT + north * M_LAT, LON + east * M_LON, accuracy, FixSource.GNSS, 0, 0);
    }

    static Fix cellFix(Instant time, double north, double east, int accuracy) {
        return new Fix(time, LAT + north * M_LAT, LON + east * M_LON, accuracy, FixSource.CELL, 0, 0);
    }

    /** Feeds fixes every {@code stepSeconds} from {@code start} at the given offset; returns the events. */
    static List<GeofenceEvent> stay(GeofenceEngine engine, Instant start, int count, int stepSeconds,
                                    double north, double east) {
        List<GeofenceEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.addAll(engine.onFix(CHILD, fix(start.plusSeconds((long) i * stepSeconds), north, east, 8), false));
        }
        return events;
    }

    static GeofenceEngine engine(GeofenceStateStore store, Clock clock) {
        GeofenceEngine engine = new GeofenceEngine(clock, EngineSettings.DEFAULT, store);
        engine.putZones(List.of(SCHOOL, HOME, RIVER));
        return engine;
    }

    static <T extends GeofenceEvent> List<T> only(List<GeofenceEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
