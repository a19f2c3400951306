package org.shouhu.server.guardian;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.shouhu.ingest.StoredFix;
import org.shouhu.protocol.Fix;
import org.shouhu.server.directory.ChildEntry;

/**
 * GeoJSON (RFC 7946, WGS-84, longitude first) views of a child's positions: the newest as a Point Feature, a track
 * as a LineString Feature whose {@code times} property holds each vertex's fix time. Stateless.
 */
final class LocationGeoJson {

    private LocationGeoJson() {
    }

    static JsonObject latest(ChildEntry child, StoredFix stored, Clock clock) {
        Fix fix = stored.fix();
        JsonObject properties = childProperties(child)
                .put("fixTime", fix.time().toString())
                .put("ageSeconds", Math.max(0, Duration.between(fix.time(), clock.instant()).toSeconds()))
                .put("accuracyMetres", fix.accuracyMetres())
                .put("source", fix.source().name())
                .put("speedMps", fix.speedMps())
                .put("headingDegrees", fix.headingDegrees())
                .put("battery", stored.battery())
                .put("receivedAt", stored.receivedAt().toString());
        return new JsonObject().put("type", "Feature")
                .put("geometry", new JsonObject().put("type", "Point").put("coordinates", position(fix)))
                .put("properties", properties);
    }

    /**
     * The track in {@code [from, to)}. Two or more fixes make a LineString, one a Point, none a null geometry (a
     * Feature without a place, as RFC 7946 allows), so a client never has to special-case an empty day.
     */
    static JsonObject track(ChildEntry child, List<StoredFix> fixes, Instant from, Instant to) {
        JsonArray coordinates = new JsonArray();
        JsonArray times = new JsonArray();
        JsonArray accuracies = new JsonArray();
        for (StoredFix stored : fixes) {
            coordinates.add(position(stored.fix()));
            times.add(stored.fix().time().toString());
            accuracies.add(stored.fix().accuracyMetres());
        }
        Object geometry = switch (fixes.size()) {
            case 0 -> null;
            case 1 -> new JsonObject().put("type", "Point").put("coordinates", coordinates.getJsonArray(0));
            default -> new JsonObject().put("type", "LineString").put("coordinates", coordinates);
        };
        return new JsonObject().put("type", "Feature")
                .put("geometry", geometry)
                .put("properties", childProperties(child)
                        .put("from", from.toString()).put("to", to.toString()).put("count", fixes.size())
                        .put("times", times).put("accuracyMetres", accuracies));
    }

    static JsonObject child(ChildEntry child) {
        return childProperties(child);
    }

    private static JsonObject childProperties(ChildEntry child) {
        return new JsonObject().put("childId", child.id()).put("name", child.name())
                .put("device", child.device().toString());
    }

    private static JsonArray position(Fix fix) {
        return new JsonArray().add(fix.longitude()).add(fix.latitude());
    }
}
