package org.shouhu.server.geofence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.shouhu.protocol.DeviceId;

/** Zones, rules and positions for the geofence tests, around a school at 27.20 N 105.30 E (south jurisdiction). */
final class TestGeofences {

    static final double SCHOOL_LAT = 27.20;
    static final double SCHOOL_LON = 105.30;
    static final double SCHOOL_RADIUS = 150;
    private static final double METRES_PER_DEGREE_LAT = 111_320;

    private TestGeofences() {
    }

    /** A circle of 150 m around the school, serving the device. */
    static String schoolZone(String id, DeviceId device) {
        return new JsonObject().put("type", "Feature")
                .put("properties", new JsonObject().put("id", id).put("name", "Zhaizi primary school")
                        .put("kind", "school").put("radius", SCHOOL_RADIUS)
                        .put("children", new JsonArray().add(device.toString())))
                .put("geometry", point(SCHOOL_LAT, SCHOOL_LON)).encode();
    }

    /**
     * The school hours of a rule whose window contains the present (in Asia/Shanghai, every day), so that a test
     * run at any time of day exercises a child leaving during school hours.
     */
    static JsonObject schoolHoursAroundNow() {
        LocalTime now = LocalTime.ofInstant(Instant.now(), ZoneId.of("Asia/Shanghai")).truncatedTo(ChronoUnit.MINUTES);
        return new JsonObject().put("windows", new JsonArray().add(new JsonObject()
                .put("from", now.minusHours(2).toString()).put("to", now.plusHours(2).toString())));
    }

    static String leftSchoolRule(String id, String zone, DeviceId device, String guardian) {
        return new JsonObject().put("id", id).put("type", "leftZone").put("zone", zone)
                .put("schedule", schoolHoursAroundNow()).put("devices", new JsonArray().add(device.toString()))
                .put("guardians", new JsonArray().add(guardian)).encode();
    }

    /** A river: a 30 m corridor each side of a line running east from 27.25 N 105.30 E for 2 km. */
    static String riverZone(String id) {
        JsonArray line = new JsonArray().add(new JsonArray().add(105.30).add(27.25))
                .add(new JsonArray().add(105.32).add(27.25));
        return new JsonObject().put("type", "Feature")
                .put("properties", new JsonObject().put("id", id).put("name", "Liuchong river")
                        .put("kind", "danger").put("dangerKind", "water").put("buffer", 30))
                .put("geometry", new JsonObject().put("type", "LineString").put("coordinates", line)).encode();
    }

    static String dangerRule(String id, DeviceId device, String guardian) {
        return new JsonObject().put("id", id).put("type", "enteredDanger")
                .put("devices", new JsonArray().add(device.toString()))
                .put("guardians", new JsonArray().add(guardian)).encode();
    }

    /** The latitude {@code metres} north of {@code latitude}. */
    static double north(double latitude, double metres) {
        return latitude + metres / METRES_PER_DEGREE_LAT;
    }

    private static JsonObject point(double lat, double lon) {
        return new JsonObject().put("type", "Point").put("coordinates", new JsonArray().add(lon).add(lat));
    }
}
