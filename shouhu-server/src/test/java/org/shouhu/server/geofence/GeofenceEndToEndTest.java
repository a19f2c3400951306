package org.shouhu.server.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.server.geofence.GeofenceTestSupport.WAIT;
import static org.shouhu.server.geofence.TestGeofences.SCHOOL_LAT;
import static org.shouhu.server.geofence.TestGeofences.SCHOOL_LON;
import static org.shouhu.server.geofence.TestGeofences.north;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.RecordingReceiver;
import org.shouhu.server.testing.Wristband;

/**
 * Zones created through the HTTP API of a running server; a wristband reports through the real broker; the real
 * server stores and evaluates the fixes and the guardian's real HTTP receiver gets the zone alerts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeofenceEndToEndTest {

    private Platform platform;
    private ShouhuServer server;
    private ZoneApiClient api;
    private Wristband wristband;
    /** Fix times of the band, increasing across tests whatever order they run in (30 s apart, in the recent past). */
    private Instant nextFix = Instant.now().minusSeconds(40 * 60);

    @BeforeAll
    void startPlatform(@TempDir Path directory) throws Exception {
        platform = new Platform();
        server = GeofenceTestSupport.start(GeofenceTestSupport.settings(platform, directory));
        api = new ZoneApiClient(server.httpPort());
        wristband = new Wristband(platform.brokerUrl, platform.device);
    }

    @AfterAll
    void stopPlatform() throws Exception {
        wristband.close();
        GeofenceTestSupport.stop(server);
        platform.close();
    }

    @Test
    void child_leaving_school_during_school_hours_alerts_the_guardian_once_despite_jitter_at_the_gate()
            throws Exception {
        assertThat(api.post("/api/zones", TestGeofences.schoolZone("school-1", platform.device)).status())
                .isEqualTo(201);
        assertThat(api.post("/api/zone-rules", TestGeofences.leftSchoolRule("left-school-1", "school-1",
                platform.device, "g-1")).status()).isEqualTo(201);
        Instant start = Instant.now();
        double evaluatedBefore = GeofenceTestSupport.evaluated(server);
        double exitsBefore = GeofenceTestSupport.events(server, "left_zone");

        int sent = 0;
        for (double metres : new double[] {0, 30, -40, 20}) { // in class
            sent += report(north(SCHOOL_LAT, metres), SCHOOL_LON);
        }
        for (int i = 0; i < 3; i++) { // at the gate: just outside, just inside, again and again
            sent += report(north(SCHOOL_LAT, 175), SCHOOL_LON);
            sent += report(north(SCHOOL_LAT, 120), SCHOOL_LON);
        }
        for (double metres : new double[] {300, 420, 560, 700}) { // gone
            sent += report(north(SCHOOL_LAT, metres), SCHOOL_LON);
        }

        RecordingReceiver.Request alert = platform.receiver.awaitRequest(
                GeofenceTestSupport.guardianAlert("left-school", start), WAIT);
        JsonObject body = new JsonObject(alert.body());
        assertThat(body.getString("device")).isEqualTo(platform.device.toString());
        assertThat(body.getString("zoneName")).isEqualTo("Zhaizi primary school");
        GeofenceTestSupport.awaitEvaluated(server, evaluatedBefore + sent);
        assertThat(GeofenceTestSupport.events(server, "left_zone") - exitsBefore).isEqualTo(1);
        assertThat(GeofenceTestSupport.guardianAlerts(platform, "left-school", start)).hasSize(1);
        assertThat(platform.count("SELECT count(*) FROM alerts WHERE device_id = ? AND kind = 'LEFT_SCHOOL' "
                + "AND zone_id = 'school-1' AND trigger_count = 1", platform.device.imei())).isEqualTo(1);
    }

    @Test
    void walking_into_a_river_zone_created_at_run_time_alerts_the_guardian() throws Exception {
        Instant start = Instant.now();
        report(north(27.25, -300), 105.31); // on the way, before the zone exists
        assertThat(api.post("/api/zones", TestGeofences.riverZone("river-1")).status()).isEqualTo(201);
        assertThat(api.post("/api/zone-rules", TestGeofences.dangerRule("river-warning", platform.device, "g-1"))
                .status()).isEqualTo(201);

        report(north(27.25, -110), 105.31); // 80 m from the bank: outside
        report(north(27.25, -5), 105.31);   // in the water

        RecordingReceiver.Request alert = platform.receiver.awaitRequest(
                GeofenceTestSupport.guardianAlert("entered-danger-zone", start), WAIT);
        JsonObject body = new JsonObject(alert.body());
        assertThat(body.getString("zoneName")).isEqualTo("Liuchong river");
        assertThat(body.getJsonObject("position").getDouble("latitude")).isCloseTo(north(27.25, -5),
                org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void a_deleted_zone_no_longer_alerts() throws Exception {
        assertThat(api.post("/api/zones", TestGeofences.riverZone("river-2").replace("105.30", "105.40")
                .replace("105.32", "105.42")).status()).isEqualTo(201);
        assertThat(api.post("/api/zone-rules", TestGeofences.dangerRule("river-2-warning", platform.device, "g-1")
                .replace("\"type\"", "\"dangerKinds\":[\"water\"],\"type\"")).status()).isEqualTo(201);
        JsonObject deleted = api.delete("/api/zones/river-2").json();
        assertThat(deleted.getString("deleted")).isEqualTo("river-2");
        double evaluatedBefore = GeofenceTestSupport.evaluated(server);
        double dangerBefore = GeofenceTestSupport.events(server, "entered_danger_zone");

        report(north(27.25, -110), 105.41);
        report(north(27.25, 0), 105.41);

        GeofenceTestSupport.awaitEvaluated(server, evaluatedBefore + 2);
        assertThat(GeofenceTestSupport.events(server, "entered_danger_zone")).isEqualTo(dangerBefore);
        assertThat(api.get("/api/zones/river-2").status()).isEqualTo(404);
    }

    private int report(double latitude, double longitude) throws Exception {
        wristband.position(latitude, longitude, nextFix);
        nextFix = nextFix.plusSeconds(30);
        return 1;
    }
}
