package org.shouhu.server.geofence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.testing.Platform;

/** The zone API of a running server: validation, coordinate systems, replacement, and who may do what. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZoneRoutesTest {

    private static final String GUARDIAN_PASSWORD = "grandma-wang-password";

    private Platform platform;
    private ShouhuServer server;
    private ZoneApiClient admin;

    @BeforeAll
    void startPlatform(@TempDir Path directory) throws Exception {
        platform = new Platform();
        server = GeofenceTestSupport.start(GeofenceTestSupport.settings(platform, directory));
        admin = new ZoneApiClient(server.httpPort());
    }

    @AfterAll
    void stopPlatform() throws Exception {
        GeofenceTestSupport.stop(server);
        platform.close();
    }

    @Test
    void an_invalid_polygon_is_refused_naming_the_feature() throws Exception {
        String bowtie = new JsonObject().put("type", "Feature")
                .put("properties", new JsonObject().put("id", "bowtie").put("kind", "custom"))
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(
                        new JsonArray().add(point(105.0, 27.0)).add(point(105.1, 27.1)).add(point(105.1, 27.0))
                                .add(point(105.0, 27.1)).add(point(105.0, 27.0))))).encode();

        ZoneApiClient.Answer answer = admin.post("/api/zones", bowtie);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("error")).isEqualTo("invalid_zone");
        assertThat(answer.json().getString("detail")).contains("bowtie");
        assertThat(admin.get("/api/zones/bowtie").status()).isEqualTo(404);
    }

    @Test
    void an_unknown_coordinate_system_is_refused() throws Exception {
        ZoneApiClient.Answer answer = admin.post("/api/zones?crs=mercator",
                TestGeofences.schoolZone("school-crs", platform.device));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).contains("mercator");
    }

    @Test
    void a_zone_drawn_on_a_gcj02_map_is_stored_and_returned_in_wgs84() throws Exception {
        String drawn = TestGeofences.schoolZone("school-gcj", platform.device);

        assertThat(admin.post("/api/zones?crs=gcj02", drawn).status()).isEqualTo(201);

        JsonObject stored = admin.get("/api/zones/school-gcj").json();
        assertThat(stored.getJsonObject("properties").getString("crs")).isEqualTo("wgs84");
        JsonArray centre = stored.getJsonObject("geometry").getJsonArray("coordinates");
        double northMetres = (TestGeofences.SCHOOL_LAT - centre.getDouble(1)) * 111_320;
        double eastMetres = (TestGeofences.SCHOOL_LON - centre.getDouble(0)) * 111_320
                * Math.cos(Math.toRadians(TestGeofences.SCHOOL_LAT));
        // GCJ-02 shifts Guizhou by a few hundred metres; the stored centre is the true (WGS-84) one.
        assertThat(Math.hypot(northMetres, eastMetres)).isBetween(100.0, 1000.0);
    }

    @Test
    void put_replaces_a_zone_and_refuses_a_body_naming_another_id() throws Exception {
        assertThat(admin.put("/api/zones/school-put", TestGeofences.schoolZone("school-put", platform.device))
                .status()).isEqualTo(201);
        String renamed = TestGeofences.schoolZone("school-put", platform.device).replace("Zhaizi", "Shibanzhai");
        assertThat(admin.put("/api/zones/school-put", renamed).status()).isEqualTo(200);
        assertThat(admin.get("/api/zones/school-put").json().getJsonObject("properties").getString("name"))
                .isEqualTo("Shibanzhai primary school");

        ZoneApiClient.Answer mismatch = admin.put("/api/zones/school-put",
                TestGeofences.schoolZone("school-other", platform.device));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().getString("detail")).contains("school-other");
    }

    @Test
    void creating_a_zone_that_exists_conflicts_and_a_rule_must_name_an_existing_zone() throws Exception {
        assertThat(admin.post("/api/zones", TestGeofences.schoolZone("school-twice", platform.device)).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/zones", TestGeofences.schoolZone("school-twice", platform.device)).status())
                .isEqualTo(409);

        ZoneApiClient.Answer rule = admin.post("/api/zone-rules",
                TestGeofences.leftSchoolRule("left-nowhere", "no-such-zone", platform.device, "g-1"));
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.json().getString("detail")).contains("no-such-zone");
    }

    @Test
    void a_guardian_manages_zones_of_their_own_child_and_cannot_see_others() throws Exception {
        DeviceId stranger = new DeviceId(platform.device.imei() ^ 1);
        assertThat(admin.post("/api/zones", TestGeofences.schoolZone("school-stranger", stranger)).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/accounts", new JsonObject().put("username", "grandma.wang")
                .put("displayName", "Grandma Wang").put("password", GUARDIAN_PASSWORD).put("role", "guardian")
                .put("guardian", "g-1").encode()).status()).isEqualTo(201);
        ZoneApiClient guardian = new ZoneApiClient(server.httpPort(), "grandma.wang", GUARDIAN_PASSWORD);

        assertThat(guardian.get("/api/zones/school-stranger").status()).isEqualTo(404);
        assertThat(guardian.delete("/api/zones/school-stranger").status()).isEqualTo(404);
        assertThat(guardian.get("/api/zones").body()).doesNotContain("school-stranger");
        assertThat(guardian.post("/api/zones", TestGeofences.riverZone("river-by-guardian")).status())
                .as("a zone serving everyone is not one guardian's to draw").isEqualTo(403);

        assertThat(guardian.post("/api/zones", TestGeofences.schoolZone("home-wang", platform.device)
                .replace("\"school\"", "\"home\"")).status()).isEqualTo(201);
        assertThat(guardian.post("/api/zone-rules", TestGeofences.leftSchoolRule("left-home-wang", "home-wang",
                platform.device, "g-1")).status()).isEqualTo(201);
        assertThat(guardian.get("/api/zones/home-wang").status()).isEqualTo(200);
        assertThat(guardian.delete("/api/zones/home-wang").json().getJsonArray("rulesDeleted"))
                .containsExactly("left-home-wang");
        assertThat(admin.get("/api/zone-rules/left-home-wang").status()).isEqualTo(404);
    }

    private static JsonArray point(double lon, double lat) {
        return new JsonArray().add(lon).add(lat);
    }
}
