package org.shouhu.sim.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.region.RegionSettings;

/**
 * A platform directory seed for a generated region (the format of the server's {@code directory.seed-file}): four
 * police jurisdictions tiling the region, each with its CAP endpoint under {@code police}, one guardian per child
 * with a webhook under {@code guardians}, one child per band. Point both at the harness's receiver to measure SOS
 * press-to-police latency. Deterministic for a plan. Stateless and thread-safe.
 */
public final class DirectorySeed {

    private static final String[][] JURISDICTIONS = {
        {"qixingguan", "七星关区公安分局 Qixingguan District Police"},
        {"dafang", "大方县公安局 Dafang County Police"},
        {"nayong", "纳雍县公安局 Nayong County Police"},
        {"zhijin", "织金县公安局 Zhijin County Police"},
    };

    private DirectorySeed() {
    }

    /**
     * @param police    base URI of the police receiver; jurisdiction {@code id} gets {@code police/cap/id}
     * @param guardians base URI of the guardian receiver; guardian {@code g-IMEI} gets {@code guardians/guardian/g-IMEI}
     */
    public static JsonObject of(RegionPlan plan, URI police, URI guardians) {
        JsonArray guardianEntries = new JsonArray();
        JsonArray children = new JsonArray();
        for (DeviceAssignment device : plan.devices()) {
            String guardianId = "g-" + device.deviceId();
            guardianEntries.add(new JsonObject().put("id", guardianId).put("name", "Guardian of " + device.deviceId())
                    .put("language", "zh-CN")
                    .put("channels", new JsonArray().add(new JsonObject()
                            .put("webhook", join(guardians, "guardian/" + guardianId)))));
            children.add(new JsonObject().put("id", "c-" + device.deviceId())
                    .put("name", "Child " + device.index() + " of " + device.villageName())
                    .put("device", device.deviceId().toString())
                    .put("guardians", new JsonArray().add(guardianId)));
        }
        return new JsonObject().put("jurisdictions", jurisdictions(plan.settings(), police))
                .put("guardians", guardianEntries).put("children", children);
    }

    /** Four rectangles tiling the region with a 10 % margin: north-west, north-east, south-west, south-east. */
    private static JsonObject jurisdictions(RegionSettings settings, URI police) {
        double lat = settings.centre().latitude();
        double lon = settings.centre().longitude();
        double halfLat = settings.heightKm() / 111.32 / 2 * 1.1;
        double halfLon = settings.widthKm() / (111.32 * Math.cos(Math.toRadians(lat))) / 2 * 1.1;
        double[][] cells = {
            {lat, lat + halfLat, lon - halfLon, lon},
            {lat, lat + halfLat, lon, lon + halfLon},
            {lat - halfLat, lat, lon - halfLon, lon},
            {lat - halfLat, lat, lon, lon + halfLon},
        };
        JsonArray features = new JsonArray();
        for (int i = 0; i < cells.length; i++) {
            double[] c = cells[i];
            features.add(new JsonObject().put("type", "Feature")
                    .put("properties", new JsonObject().put("id", JURISDICTIONS[i][0]).put("name", JURISDICTIONS[i][1])
                            .put("capEndpoint", join(police, "cap/" + JURISDICTIONS[i][0])))
                    .put("geometry", rectangle(c[0], c[1], c[2], c[3])));
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }

    private static JsonObject rectangle(double south, double north, double west, double east) {
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(west).add(south))
                .add(new JsonArray().add(east).add(south))
                .add(new JsonArray().add(east).add(north))
                .add(new JsonArray().add(west).add(north))
                .add(new JsonArray().add(west).add(south));
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }

    private static String join(URI base, String path) {
        String text = base.toString();
        return (text.endsWith("/") ? text : text + "/") + path;
    }
}
