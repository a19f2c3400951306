package org.shouhu.server.geofence;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.shouhu.geofence.DeviceGeofenceState;
import org.shouhu.geofence.Presence;
import org.shouhu.geofence.ZoneMembership;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;

/**
 * The JSON form of a device's geofence state as stored in {@code geofence_device_state.state}:
 * <pre>
 * {"lastFix": {"t": "...", "lat": .., "lon": .., "acc": .., "src": 1, "speed": .., "heading": ..},
 *  "zones": {"school-1": {"confirmed": "INSIDE", "pending": "OUTSIDE", "pendingFixes": 1,
 *                         "pendingSince": "...", "lastInsideAt": "..."}},
 *  "deadlines": {"rule-7": "2026-11-23"}}
 * </pre>
 * Stateless and thread-safe.
 */
final class DeviceStateJson {

    private DeviceStateJson() {
    }

    static String write(DeviceGeofenceState state) {
        JsonObject json = new JsonObject();
        if (state.lastFix() != null) {
            json.put("lastFix", fix(state.lastFix()));
        }
        JsonObject zones = new JsonObject();
        state.memberships().forEach((zone, m) -> zones.put(zone, membership(m)));
        json.put("zones", zones);
        JsonObject deadlines = new JsonObject();
        state.deadlinesDone().forEach((rule, day) -> deadlines.put(rule, day.toString()));
        json.put("deadlines", deadlines);
        return json.encode();
    }

    /** @throws IllegalArgumentException when the document is not a state this class wrote */
    static DeviceGeofenceState read(DeviceId device, String text) {
        try {
            JsonObject json = new JsonObject(text);
            JsonObject last = json.getJsonObject("lastFix");
            Map<String, ZoneMembership> memberships = new HashMap<>();
            json.getJsonObject("zones", new JsonObject()).forEach(entry ->
                    memberships.put(entry.getKey(), membership((JsonObject) entry.getValue())));
            Map<String, LocalDate> deadlines = new HashMap<>();
            json.getJsonObject("deadlines", new JsonObject()).forEach(entry ->
                    deadlines.put(entry.getKey(), LocalDate.parse((String) entry.getValue())));
            return new DeviceGeofenceState(device, last == null ? null : fix(last), memberships, deadlines);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable geofence state of " + device + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject fix(Fix fix) {
        return new JsonObject().put("t", fix.time().toString()).put("lat", fix.latitude()).put("lon", fix.longitude())
                .put("acc", fix.accuracyMetres()).put("src", fix.source().code()).put("speed", fix.speedMps())
                .put("heading", fix.headingDegrees());
    }

    private static Fix fix(JsonObject json) {
        return new Fix(Instant.parse(json.getString("t")), json.getDouble("lat"), json.getDouble("lon"),
                json.getInteger("acc"), FixSource.fromCode(json.getInteger("src")), json.getDouble("speed"),
                json.getDouble("heading"));
    }

    private static JsonObject membership(ZoneMembership m) {
        JsonObject json = new JsonObject().put("confirmed", m.confirmed().name()).put("pending", m.pending().name())
                .put("pendingFixes", m.pendingFixes());
        if (m.pendingSince() != null) {
            json.put("pendingSince", m.pendingSince().toString());
        }
        if (m.lastInsideAt() != null) {
            json.put("lastInsideAt", m.lastInsideAt().toString());
        }
        return json;
    }

    private static ZoneMembership membership(JsonObject json) {
        return new ZoneMembership(Presence.valueOf(json.getString("confirmed")),
                Presence.valueOf(json.getString("pending")), json.getInteger("pendingFixes"),
                instant(json.getString("pendingSince")), instant(json.getString("lastInsideAt")));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
