package org.shouhu.server.map;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.server.testing.Wristband;

/**
 * The live feed and the map API through the real server, broker and database: dispatchers see their own
 * jurisdiction only, positions are coalesced per tick, a map that stops reading is dropped, tracks are GeoJSON and
 * every location read is in the access log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveMapFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private MapServer map;

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        map = new MapServer(directory, Map.of("map.feed-tick", "100ms", "map.client-buffer-bytes", "16384"));
    }

    @AfterAll
    void stop() throws Exception {
        map.close();
    }

    @Test
    void a_dispatcher_receives_positions_of_their_own_jurisdiction_only() throws Exception {
        DeviceId inSouth = randomDevice();
        DeviceId inNorth = randomDevice();
        try (EventStream south = stream(MapServer.SOUTH); EventStream north = stream(MapServer.NORTH);
             Wristband southBand = new Wristband(map.platform.brokerUrl, inSouth);
             Wristband northBand = new Wristband(map.platform.brokerUrl, inNorth)) {
            assertThat(south.status).isEqualTo(200);
            Instant now = Instant.now();
            southBand.position(27.10, 105.20, now);
            northBand.position(27.50, 105.30, now);

            north.await(event -> mentions(event, inNorth), WAIT);
            south.await(event -> mentions(event, inSouth), WAIT);
            Thread.sleep(300); // three more ticks: anything wrongly sent to the south map has arrived by now
            assertThat(south.drain()).noneMatch(event -> mentions(event, inNorth));
        }
    }

    @Test
    void a_wristband_crossing_the_border_leaves_the_old_dispatchers_map() throws Exception {
        DeviceId crossing = randomDevice();
        try (EventStream south = stream(MapServer.SOUTH); EventStream north = stream(MapServer.NORTH);
             Wristband band = new Wristband(map.platform.brokerUrl, crossing)) {
            Instant now = Instant.now();
            band.position(27.25, 105.20, now.minusSeconds(10));
            south.await(event -> mentions(event, crossing), WAIT);

            band.position(27.35, 105.20, now);

            north.await(event -> mentions(event, crossing), WAIT);
            EventStream.Event gone = south.await(event -> event.data().getJsonArray("gone", new JsonArray())
                    .contains(crossing.toString()), WAIT);
            assertThat(gone.data().getJsonArray("devices").encode()).doesNotContain(crossing.toString());
        }
    }

    @Test
    void a_wristband_assigned_to_a_jurisdiction_stays_on_its_dispatchers_map_wherever_it_is() throws Exception {
        DeviceId assigned = randomDevice();
        map.server.access().assignments().assign("north", assigned, "test");
        try (EventStream north = stream(MapServer.NORTH);
             Wristband band = new Wristband(map.platform.brokerUrl, assigned)) {
            Instant now = Instant.now();
            band.position(27.10, 105.20, now.minusSeconds(10)); // in the south

            north.await(event -> mentions(event, assigned), WAIT);
            band.position(27.12, 105.20, now);
            north.await(event -> mentions(event, assigned) && event.data().encode().contains("27.12"), WAIT);
            assertThat(north.drain()).noneMatch(event -> event.data().getJsonArray("gone", new JsonArray())
                    .contains(assigned.toString()));
        } finally {
            map.server.access().assignments().unassign("north", assigned);
        }
    }

    @Test
    void many_fixes_of_one_wristband_within_a_tick_arrive_as_its_newest_position_only() throws Exception {
        DeviceId device = randomDevice();
        try (EventStream admin = stream(MapServer.ADMIN)) {
            admin.await(event -> event.data().getBoolean("snapshot"), WAIT);
            Instant start = Instant.now().minusSeconds(60);
            List<StoredPosition> burst = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                burst.add(stored(device, i, 27.1 + i * 0.001, 105.2, start.plusSeconds(i)));
            }
            map.server.telemetry().onPositions(burst);

            // A tick may fall inside the burst, so the map may see an intermediate position first; it never sees
            // more than one entry per wristband in an event, and ends on the newest.
            List<EventStream.Event> events = new ArrayList<>();
            double newest = 27.1 + 49 * 0.001;
            EventStream.Event last = admin.await(e -> {
                if (mentions(e, device)) {
                    events.add(e);
                    return entriesOf(e, device).get(0).getDouble("lat") == newest;
                }
                return false;
            }, WAIT);
            assertThat(events).allSatisfy(e -> assertThat(entriesOf(e, device)).hasSize(1));
            assertThat(events).hasSizeLessThanOrEqualTo(3);
            assertThat(entriesOf(last, device).get(0).getString("fix")).isEqualTo(start.plusSeconds(49).toString());
            Thread.sleep(300);
            assertThat(admin.drain()).noneMatch(later -> mentions(later, device));
        }
    }

    @Test
    void a_map_that_stops_reading_is_dropped_while_others_keep_up() throws Exception {
        String token = map.signIn(MapServer.ADMIN);
        double droppedBefore = droppedMaps();
        try (Socket stalled = new Socket(); EventStream reading = stream(MapServer.ADMIN)) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", map.server.httpPort()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/map/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            reading.await(event -> event.data().getBoolean("snapshot"), WAIT);

            // A fleet outside every jurisdiction (only administrators see it) moving every tick.
            List<DeviceId> fleet = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                fleet.add(randomDevice());
            }
            Instant start = Instant.now().minusSeconds(600);
            DeviceId marker = randomDevice();
            for (int round = 0; round < 20; round++) {
                List<StoredPosition> batch = new ArrayList<>(fleet.size());
                for (int i = 0; i < fleet.size(); i++) {
                    batch.add(stored(fleet.get(i), round, 31.0 + i * 1e-4, 110.0 + round * 1e-4,
                            start.plusSeconds(round)));
                }
                map.server.telemetry().onPositions(batch);
                Thread.sleep(120);
            }
            map.server.telemetry().onPositions(List.of(stored(marker, 1, 31.5, 111.0, Instant.now())));

            reading.await(event -> mentions(event, marker), WAIT);
            assertThat(droppedMaps()).as("maps dropped for falling behind").isEqualTo(droppedBefore + 1);
        }
    }

    /** The server's own count of maps it disconnected, as its metrics endpoint reports it. */
    private double droppedMaps() throws Exception {
        String metrics = map.get("/metrics", null).body();
        return metrics.lines().filter(line -> line.startsWith("shouhu_map_clients_dropped_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void the_track_is_geojson_of_the_last_hour_in_time_order() throws Exception {
        DeviceId device = randomDevice();
        try (Wristband band = new Wristband(map.platform.brokerUrl, device)) {
            Instant now = Instant.now();
            band.position(27.10, 105.20, now.minusSeconds(3000));
            band.position(27.11, 105.21, now.minusSeconds(2000));
            band.position(27.12, 105.22, now.minusSeconds(1000));
            band.position(27.00, 105.00, now.minus(Duration.ofHours(2))); // before the hour: not in the track
            String token = map.signIn(MapServer.SOUTH);
            JsonObject track = awaitTrack(device, token, 3);

            assertThat(track.getJsonObject("geometry").getString("type")).isEqualTo("LineString");
            assertThat(track.getJsonObject("geometry").getJsonArray("coordinates").encode())
                    .isEqualTo("[[105.2,27.1],[105.21,27.11],[105.22,27.12]]");
            assertThat(track.getJsonObject("properties").getJsonArray("times")).hasSize(3);
        }
    }

    @Test
    void the_track_of_a_wristband_in_another_jurisdiction_is_refused_and_the_attempt_logged() throws Exception {
        DeviceId device = randomDevice();
        try (Wristband band = new Wristband(map.platform.brokerUrl, device)) {
            band.position(27.50, 105.30, Instant.now());
            awaitTrack(device, map.signIn(MapServer.NORTH), 1);

            HttpResponse<String> refused = map.get("/api/map/devices/" + device + "/track",
                    map.signIn(MapServer.SOUTH));

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(map.platform.count("SELECT count(*) FROM access_log WHERE username = ? AND device_id = ? "
                    + "AND action = 'map.track' AND NOT allowed", MapServer.SOUTH, device.imei())).isEqualTo(1);
            assertThat(map.platform.count("SELECT count(*) FROM access_log WHERE username = ? AND device_id = ? "
                    + "AND action = 'map.track' AND allowed", MapServer.NORTH, device.imei())).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void the_map_api_needs_a_signed_in_dispatcher() throws Exception {
        assertThat(map.get("/api/map/session", null).statusCode()).isEqualTo(401);
        assertThat(map.get("/api/map/live", "forged-token").statusCode()).isEqualTo(401);
        assertThat(map.get("/api/map/devices/not-an-imei", map.signIn(MapServer.SOUTH)).statusCode()).isEqualTo(400);

        JsonObject session = new JsonObject(map.get("/api/map/session", map.signIn(MapServer.SOUTH)).body());
        assertThat(session.getJsonObject("viewer").getString("jurisdiction")).isEqualTo("south");
        assertThat(session.getJsonObject("jurisdictions").getJsonArray("features")).hasSize(1);
    }

    @Test
    void the_page_and_its_bundle_are_served_by_the_server() throws Exception {
        HttpResponse<String> page = map.get("/map/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"map.js\"></script>");
        HttpResponse<String> bundle = map.get("/map/map.js", null);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("leaflet");
    }

    private JsonObject awaitTrack(DeviceId device, String token, int points) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject track = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = map.get("/api/map/devices/" + device + "/track", token);
            if (response.statusCode() == 200) {
                track = new JsonObject(response.body());
                if (track.getJsonObject("properties").getJsonArray("times").size() >= points) {
                    return track;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("track of " + device + " did not reach " + points + " points: " + track);
    }

    private EventStream stream(String username) throws Exception {
        return new EventStream(map.http, map.uri("/api/map/live"), map.signIn(username));
    }

    private static boolean mentions(EventStream.Event event, DeviceId device) {
        return event.name().equals("positions") && !entriesOf(event, device).isEmpty();
    }

    private static List<JsonObject> entriesOf(EventStream.Event event, DeviceId device) {
        List<JsonObject> entries = new ArrayList<>();
        JsonArray devices = event.data().getJsonArray("devices", new JsonArray());
        for (int i = 0; i < devices.size(); i++) {
            if (devices.getJsonObject(i).getString("id").equals(device.toString())) {
                entries.add(devices.getJsonObject(i));
            }
        }
        return entries;
    }

    private static StoredPosition stored(DeviceId device, long sequence, double latitude, double longitude,
                                         Instant at) {
        return new StoredPosition(device, sequence, new Fix(at, latitude, longitude, 10, FixSource.GNSS, 0, 0), 80,
                Instant.now(), false);
    }

    private static DeviceId randomDevice() {
        return new DeviceId(861_000_000_000_000L + ThreadLocalRandom.current().nextLong(1L << 40));
    }
}
