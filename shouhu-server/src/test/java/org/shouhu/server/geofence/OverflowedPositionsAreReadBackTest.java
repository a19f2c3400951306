package org.shouhu.server.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.server.geofence.GeofenceTestSupport.WAIT;
import static org.shouhu.server.geofence.TestGeofences.SCHOOL_LAT;
import static org.shouhu.server.geofence.TestGeofences.SCHOOL_LON;
import static org.shouhu.server.geofence.TestGeofences.north;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.Wristband;

/**
 * A burst larger than the evaluation queue is not dropped: what does not fit is read back from the positions table
 * and evaluated in order, and the child's exit from school still raises exactly one alert.
 */
class OverflowedPositionsAreReadBackTest {

    @Test
    void a_burst_beyond_the_queue_is_read_back_from_the_database_and_alerts_once(@TempDir Path directory)
            throws Exception {
        try (Platform platform = new Platform(); Wristband wristband = new Wristband(platform.brokerUrl,
                platform.device)) {
            Map<String, String> settings = GeofenceTestSupport.settings(platform, directory);
            settings.put("geofence.shards", "1");
            settings.put("geofence.queue-capacity", "16");
            ShouhuServer server = GeofenceTestSupport.start(settings);
            try {
                ZoneApiClient api = new ZoneApiClient(server.httpPort());
                assertThat(api.post("/api/zones", TestGeofences.schoolZone("school-o", platform.device)).status())
                        .isEqualTo(201);
                assertThat(api.post("/api/zone-rules", TestGeofences.leftSchoolRule("left-school-o", "school-o",
                        platform.device, "g-1")).status()).isEqualTo(201);
                Instant start = Instant.now();
                Instant fix = start.minusSeconds(30 * 60);
                for (int i = 0; i < 40; i++) { // in class, then gone: 80 reports published back to back
                    wristband.position(north(SCHOOL_LAT, (i % 5) * 10), SCHOOL_LON, fix);
                    fix = fix.plusSeconds(10);
                }
                for (int i = 0; i < 40; i++) {
                    wristband.position(north(SCHOOL_LAT, 400 + i * 10), SCHOOL_LON, fix);
                    fix = fix.plusSeconds(10);
                }

                platform.receiver.awaitRequest(GeofenceTestSupport.guardianAlert("left-school", start), WAIT);
                GeofenceTestSupport.awaitCount(platform, 80, "SELECT count(*) FROM positions WHERE device_id = ?",
                        platform.device.imei());
                assertThat(server.registry().find("shouhu.geofence.overflow").counter().count()).isPositive();
                assertThat(server.registry().find("shouhu.geofence.positions.reread").counter().count())
                        .isPositive();
                assertThat(GeofenceTestSupport.events(server, "left_zone")).isEqualTo(1);
                assertThat(GeofenceTestSupport.guardianAlerts(platform, "left-school", start)).hasSize(1);
            } finally {
                GeofenceTestSupport.stop(server);
            }
        }
    }
}
