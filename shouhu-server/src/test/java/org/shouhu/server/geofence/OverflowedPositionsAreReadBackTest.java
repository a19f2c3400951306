package org.shouhu.server.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.server.geofence.GeofenceTestSupport.WAIT;
import static org.shouhu.server.geofence.TestGeofences.SCHOOL_LAT;
import static org.shouhu.server.geofence.TestGeofences.SCHOOL_LON;
import static org.shouhu.server.geofence.TestGeofences.north;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
                // The shard saves device state after evaluating; a lock on that table holds the shard there, the
                // way a slow database would, so the burst below cannot fit its queue whatever the machine's speed.
                try (Connection blocker = DriverManager.getConnection(platform.database.jdbcUrl(),
                        platform.database.user(), platform.database.password())) {
                    blocker.setAutoCommit(false);
                    try (Statement lock = blocker.createStatement()) {
                        lock.execute("LOCK TABLE geofence_device_state IN ACCESS EXCLUSIVE MODE");
                    }
                    for (int i = 0; i < 5; i++) { // in class
                        wristband.position(north(SCHOOL_LAT, i * 10), SCHOOL_LON, fix);
                        fix = fix.plusSeconds(10);
                    }
                    awaitEvaluated(server, 5);
                    for (int i = 5; i < 40; i++) { // still in class, then gone: 75 reports back to back
                        wristband.position(north(SCHOOL_LAT, (i % 5) * 10), SCHOOL_LON, fix);
                        fix = fix.plusSeconds(10);
                    }
                    for (int i = 0; i < 40; i++) {
                        wristband.position(north(SCHOOL_LAT, 400 + i * 10), SCHOOL_LON, fix);
                        fix = fix.plusSeconds(10);
                    }
                    GeofenceTestSupport.awaitCount(platform, 80, "SELECT count(*) FROM positions WHERE device_id = ?",
                            platform.device.imei());
                    blocker.rollback();
                }

                platform.receiver.awaitRequest(GeofenceTestSupport.guardianAlert("left-school", start), WAIT);
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

    private static void awaitEvaluated(ShouhuServer server, int positions) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (server.registry().find("shouhu.geofence.positions.evaluated").counter().count() < positions) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first " + positions + " positions were not evaluated");
            }
            Thread.sleep(10);
        }
    }
}
