package org.shouhu.server.map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.shouhu.ingest.StoredFix;
import org.shouhu.protocol.DeviceId;

/**
 * A track as one GeoJSON Feature: a LineString (a Point for a single fix, no geometry for none) whose properties
 * carry, index by index with the coordinates, each fix's time, accuracy and battery, so that playback can place the
 * child at any instant of the range.
 */
final class TrackJson {

    private TrackJson() {
    }

    static JsonObject feature(DeviceId device, String childName, Instant from, Instant to, List<StoredFix> fixes) {
        JsonArray coordinates = new JsonArray();
        JsonArray times = new JsonArray();
        JsonArray accuracy = new JsonArray();
        JsonArray battery = new JsonArray();
        for (StoredFix stored : fixes) {
            coordinates.add(new JsonArray().add(stored.fix().longitude()).add(stored.fix().latitude()));
            times.add(stored.fix().time().toString());
            accuracy.add(stored.fix().accuracyMetres());
            battery.add(stored.battery());
        }
        JsonObject geometry = switch (fixes.size()) {
            case 0 -> null;
            case 1 -> new JsonObject().put("type", "Point").put("coordinates", coordinates.getJsonArray(0));
            default -> new JsonObject().put("type", "LineString").put("coordinates", coordinates);
        };
        return new JsonObject().put("type", "Feature").put("geometry", geometry)
                .put("properties", new JsonObject()
                        .put("device", device.toString()).put("name", childName)
                        .put("from", from.toString()).put("to", to.toString())
                        .put("times", times).put("accuracyMetres", accuracy).put("battery", battery));
    }
}
