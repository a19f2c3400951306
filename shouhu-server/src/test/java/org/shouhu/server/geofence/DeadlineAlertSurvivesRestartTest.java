package org.shouhu.server.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.server.geofence.GeofenceTestSupport.WAIT;
import static org.shouhu.server.geofence.TestGeofences.SCHOOL_LAT;
import static org.shouhu.server.geofence.TestGeofences.SCHOOL_LON;
import static org.shouhu.server.geofence.TestGeofences.north;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.Wristband;

/**
 * A missed arrival is decided while its alert cannot be committed (the alerts table is locked), more positions of the
 * child arrive, and the server is stopped: the decision is not recorded, so the next server decides it again and the
 * guardian is told. A server that lost the record of a deadline whose alert was committed decides it again too, and
 * alert dispatch recognises it: the guardian is told once.
 *
 * <p>Before deadlines were decided on the device's own worker, the stopping server tried to write the decision
 * without its alert; whether that write went through depended on the pool having a connection free, so this test
 * proves the outcome, not the old race.
 */
class DeadlineAlertSurvivesRestartTest {

    private static final String RULE = "at-school-d";
    private static final String DECIDED = "SELECT count(*) FROM geofence_device_state WHERE device_id = ? "
            + "AND state -> 'deadlines' ->> '" + RULE + "' IS NOT NULL";
    private static final String ALERT_INSERT_WAITING = "SELECT count(*) FROM pg_locks WHERE NOT granted "
            + "AND relation = 'alerts'::regclass";
    private static final String MISSED_ARRIVALS = "SELECT count(*) FROM alerts WHERE device_id = ? "
            + "AND kind = 'MISSED_ARRIVAL'";
    private static final ZoneId SCHOOL_TIME = ZoneId.of("Asia/Shanghai");

    private Instant nextFix = Instant.now().minusSeconds(120);

    @Test
    void deadline_decided_but_not_alerted_before_a_stop_is_alerted_once_after_it(@TempDir Path directory)
            throws Exception {
        try (Platform platform = new Platform(); Wristband wristband = new Wristband(platform.brokerUrl,
                platform.device)) {
            Map<String, String> settings = GeofenceTestSupport.settings(platform, directory);
            settings.put("geofence.tick-interval", "1s");
            long device = platform.device.imei();

            ShouhuServer first = GeofenceTestSupport.start(settings);
            ZoneApiClient api = new ZoneApiClient(first.httpPort());
            assertThat(api.post("/api/zones", TestGeofences.schoolZone("school-d", platform.device)).status())
                    .isEqualTo(201);
            LocalTime deadline = deadlineSecondsAhead(6);
            assertThat(api.post("/api/zone-rules", missedArrivalRule(platform.device, deadline)).status())
                    .isEqualTo(201);
            report(wristband, 2_000); // two kilometres from school, and staying away
            report(wristband, 2_050);
            GeofenceTestSupport.awaitEvaluated(first, 2);

            try (Connection blocker = DriverManager.getConnection(platform.database.jdbcUrl(),
                    platform.database.user(), platform.database.password())) {
                blocker.setAutoCommit(false);
                try (Statement lock = blocker.createStatement()) {
                    lock.execute("LOCK TABLE alerts IN EXCLUSIVE MODE"); // reads go on, the alert's insert waits
                }
                assertThat(LocalTime.now(SCHOOL_TIME)).as("locked before the deadline").isBefore(deadline);
                awaitDecided(first); // the deadline is decided and its alert waits for the lock
                GeofenceTestSupport.awaitCount(platform, 1, ALERT_INSERT_WAITING);
                report(wristband, 2_100); // another batch of the same device
                report(wristband, 2_150);
                Thread.sleep(500);
                GeofenceTestSupport.stop(first);
                assertThat(platform.count(DECIDED, device)).as("deadline recorded without its alert").isZero();
                blocker.rollback();
            }
            assertThat(platform.count(MISSED_ARRIVALS, device)).isZero();

            Instant restarted = Instant.now();
            ShouhuServer second = GeofenceTestSupport.start(settings);
            try {
                platform.receiver.awaitRequest(GeofenceTestSupport.guardianAlert("missed-arrival", restarted), WAIT);
                GeofenceTestSupport.awaitCount(platform, 1, DECIDED, device);
                assertThat(platform.count(MISSED_ARRIVALS, device)).isEqualTo(1);
            } finally {
                GeofenceTestSupport.stop(second);
            }

            // As if the state write after the committed alert was lost: the deadline is decided again.
            platform.count("WITH forgotten AS (UPDATE geofence_device_state SET state = jsonb_set(state, "
                    + "'{deadlines}', '{}'::jsonb) WHERE device_id = ? RETURNING 1) SELECT count(*) FROM forgotten",
                    device);
            ShouhuServer third = GeofenceTestSupport.start(settings);
            try {
                GeofenceTestSupport.awaitCount(platform, 1, DECIDED, device);
                assertThat(GeofenceTestSupport.events(third, "missed_arrival")).isEqualTo(1); // decided again...
                Thread.sleep(300); // ...and recognised by alert dispatch: give a wrong second message time to show
                // Delivery is at least once: a message the stopped server had not recorded as delivered may be sent
                // again, with the same idempotency key. A second alert would carry a new one.
                assertThat(GeofenceTestSupport.guardianAlerts(platform, "missed-arrival", restarted).stream()
                        .map(request -> request.headers().get("Idempotency-Key")).distinct()).hasSize(1);
                assertThat(platform.count(MISSED_ARRIVALS, device)).isEqualTo(1);
            } finally {
                GeofenceTestSupport.stop(third);
            }
        }
    }

    private static void awaitDecided(ShouhuServer server) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (GeofenceTestSupport.events(server, "missed_arrival") < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(GeofenceTestSupport.events(server, "missed_arrival")).as("missed arrivals decided").isEqualTo(1);
    }

    /** A deadline that many seconds from now in the school's time, waiting out the last seconds of a day. */
    private static LocalTime deadlineSecondsAhead(int seconds) throws InterruptedException {
        LocalTime now = LocalTime.now(SCHOOL_TIME);
        if (now.isAfter(LocalTime.of(23, 59, 0))) {
            Thread.sleep(ChronoUnit.MILLIS.between(now, LocalTime.MAX) + 2_000);
            now = LocalTime.now(SCHOOL_TIME);
        }
        return now.plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
    }

    private static String missedArrivalRule(DeviceId device, LocalTime deadline) {
        LocalTime from = deadline.isAfter(LocalTime.of(1, 0)) ? deadline.minusHours(1) : LocalTime.MIDNIGHT;
        return new JsonObject().put("id", RULE).put("type", "missedArrival").put("zone", "school-d")
                .put("from", from.toString()).put("deadline", deadline.toString())
                .put("devices", new JsonArray().add(device.toString()))
                .put("guardians", new JsonArray().add("g-1")).encode();
    }

    private void report(Wristband wristband, double metresNorth) throws Exception {
        nextFix = nextFix.plusSeconds(20);
        wristband.position(north(SCHOOL_LAT, metresNorth), SCHOOL_LON, nextFix);
    }
}
