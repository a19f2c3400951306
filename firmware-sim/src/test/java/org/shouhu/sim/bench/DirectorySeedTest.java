package org.shouhu.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.GeoPoint;
import org.shouhu.sim.region.RegionGenerator;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.region.RegionSettings;

class DirectorySeedTest {

    private static final RegionPlan PLAN = new RegionGenerator(RegionSettings.defaults(3)).generate(200);
    private static final JsonObject SEED = DirectorySeed.of(PLAN, URI.create("http://127.0.0.1:18480"),
            URI.create("http://127.0.0.1:18481/"));

    @Test
    void every_band_is_a_child_with_its_own_guardian_whose_webhook_is_the_receiver() {
        JsonArray children = SEED.getJsonArray("children");
        JsonArray guardians = SEED.getJsonArray("guardians");

        assertThat(children).hasSize(200);
        assertThat(guardians).hasSize(200);
        for (int i = 0; i < PLAN.devices().size(); i++) {
            DeviceAssignment band = PLAN.devices().get(i);
            JsonObject child = children.getJsonObject(i);
            JsonObject guardian = guardians.getJsonObject(i);
            assertThat(child.getString("device")).isEqualTo(band.deviceId().toString());
            assertThat(child.getJsonArray("guardians").getString(0)).isEqualTo(guardian.getString("id"));
            assertThat(guardian.getJsonArray("channels").getJsonObject(0).getString("webhook"))
                    .isEqualTo("http://127.0.0.1:18481/guardian/" + guardian.getString("id"));
        }
    }

    @Test
    void the_four_jurisdictions_cover_every_home_and_school_and_send_cap_to_the_receiver() {
        JsonArray features = SEED.getJsonObject("jurisdictions").getJsonArray("features");

        assertThat(features).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonObject properties = features.getJsonObject(i).getJsonObject("properties");
            assertThat(properties.getString("capEndpoint"))
                    .isEqualTo("http://127.0.0.1:18480/cap/" + properties.getString("id"));
        }
        for (DeviceAssignment band : PLAN.devices()) {
            for (GeoPoint place : List.of(band.home(), band.school())) {
                long covering = features.stream().map(f -> (JsonObject) f)
                        .filter(f -> inside(f.getJsonObject("geometry"), place)).count();
                assertThat(covering).as("jurisdictions covering %s", place).isGreaterThanOrEqualTo(1);
            }
        }
    }

    private static boolean inside(JsonObject polygon, GeoPoint p) {
        JsonArray ring = polygon.getJsonArray("coordinates").getJsonArray(0);
        double west = ring.getJsonArray(0).getDouble(0);
        double south = ring.getJsonArray(0).getDouble(1);
        double east = ring.getJsonArray(2).getDouble(0);
        double north = ring.getJsonArray(2).getDouble(1);
        return p.longitude() >= west && p.longitude() <= east && p.latitude() >= south && p.latitude() <= north;
    }
}
