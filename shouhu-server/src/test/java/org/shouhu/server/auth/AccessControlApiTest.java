package org.shouhu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.alert.AlertSummary;
import org.shouhu.alert.ChannelAddress;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.Language;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.ShouhuConfig;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.directory.ChildEntry;
import org.shouhu.server.directory.DirectoryContent;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.Wristband;

/**
 * Who may see what, proved through the HTTP API of a real server over the real database and broker: child c-1
 * (guardian g-1) wears a band in the south jurisdiction and has pressed SOS; child c-2 (guardian g-2) is in the north.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlApiTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private Platform platform;
    private ShouhuServer server;
    private ApiClient api;
    private Wristband southBand;
    private Wristband northBand;
    private final DeviceId northDevice =
            new DeviceId(861_000_000_000_000L + ThreadLocalRandom.current().nextLong(1L << 40));
    private Instant firstFix;
    private Instant secondFix;
    private AlertSummary sos;

    @BeforeAll
    void startPlatform(@TempDir Path directory) throws Exception {
        platform = new Platform();
        Map<String, String> settings = platform.serverSettings(directory, 0);
        settings.put("auth.bcrypt-cost", "4");
        settings.put("auth.admin.username", "root");
        settings.put("auth.admin.password", PASSWORD);
        server = ShouhuServer.start(ShouhuConfig.from(settings)).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        api = new ApiClient(server.httpPort());
        server.directory().upsert(new DirectoryContent(List.of(),
                List.of(new Guardian("g-2", "Uncle Li", Language.ENGLISH,
                        List.of(new ChannelAddress.Webhook(URI.create(platform.receiver.url("/guardian/g-2")
                                .toString()))))),
                List.of(new ChildEntry("c-2", "Li Xiaohong", northDevice, List.of("g-2")))));
        AccountStore accounts = server.access().accounts();
        accounts.create(NewAccount.guardian("grandma.wang", "Grandma Wang", PASSWORD, "g-1"));
        accounts.create(NewAccount.guardian("uncle.li", "Uncle Li", PASSWORD, "g-2"));
        accounts.create(NewAccount.dispatcher("south.desk", "South desk", PASSWORD, "south"));
        accounts.create(NewAccount.dispatcher("north.desk", "North desk", PASSWORD, "north"));
        accounts.create(new NewAccount("fitter", "Fitter", PASSWORD, Role.INSTALLER, java.util.Optional.empty(),
                java.util.Optional.empty()));

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant dayStart = LocalDate.now(ZoneId.of("Asia/Shanghai")).atStartOfDay(ZoneId.of("Asia/Shanghai"))
                .toInstant();
        firstFix = latest(now.minusSeconds(20), dayStart.plusSeconds(1));
        secondFix = latest(now.minusSeconds(10), dayStart.plusSeconds(2));
        southBand = new Wristband(platform.brokerUrl, platform.device);
        northBand = new Wristband(platform.brokerUrl, northDevice);
        southBand.position(27.10, 105.20, firstFix);
        southBand.position(27.11, 105.21, secondFix);
        northBand.position(27.45, 105.40, now.minusSeconds(5));
        southBand.sos(27.11, 105.21);
        awaitCount("SELECT count(*) FROM device_latest WHERE device_id = ? AND lat IS NOT NULL", platform.device.imei());
        awaitCount("SELECT count(*) FROM device_latest WHERE device_id = ? AND lat IS NOT NULL", northDevice.imei());
        awaitCount("SELECT count(*) FROM positions WHERE device_id = ? AND source <> 0", platform.device.imei(), 2);
        sos = awaitOpenAlert();
    }

    @AfterAll
    void stopPlatform() throws Exception {
        southBand.close();
        northBand.close();
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        platform.close();
    }

    @Test
    void guardian_reads_their_childs_latest_position_as_a_geojson_point() throws Exception {
        String token = api.signIn("grandma.wang", PASSWORD);

        ApiClient.Answer answer = api.get("/api/children/c-1/position", token);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("content-type")).hasValue("application/geo+json");
        JsonObject feature = answer.json();
        assertThat(feature.getString("type")).isEqualTo("Feature");
        assertThat(feature.getJsonObject("geometry").getString("type")).isEqualTo("Point");
        JsonArray coordinates = feature.getJsonObject("geometry").getJsonArray("coordinates");
        assertThat(coordinates.getDouble(0)).isEqualTo(105.21);
        assertThat(coordinates.getDouble(1)).isEqualTo(27.11);
        assertThat(feature.getJsonObject("properties").getString("childId")).isEqualTo("c-1");
        assertThat(feature.getJsonObject("properties").getString("device")).isEqualTo(platform.device.toString());
        assertThat(allowedReads("grandma.wang", "c-1", "child.position")).isPositive();
    }

    @Test
    void guardian_reads_todays_track_in_china_time_as_a_geojson_linestring_with_times() throws Exception {
        String token = api.signIn("grandma.wang", PASSWORD);

        ApiClient.Answer answer = api.get("/api/children/c-1/track", token);

        assertThat(answer.status()).isEqualTo(200);
        JsonObject feature = answer.json();
        assertThat(feature.getJsonObject("geometry").getString("type")).isEqualTo("LineString");
        JsonArray coordinates = feature.getJsonObject("geometry").getJsonArray("coordinates");
        assertThat(coordinates.getJsonArray(0).getDouble(0)).isEqualTo(105.20);
        assertThat(coordinates.getJsonArray(coordinates.size() - 1).getDouble(1)).isEqualTo(27.11);
        JsonObject properties = feature.getJsonObject("properties");
        assertThat(properties.getJsonArray("times").getList()).contains(firstFix.toString(), secondFix.toString());
        Instant from = Instant.parse(properties.getString("from"));
        assertThat(from.atZone(ZoneId.of("Asia/Shanghai")).toLocalTime().toSecondOfDay()).isZero();
        assertThat(from.atOffset(ZoneOffset.UTC).getHour()).isEqualTo(16);
        assertThat(allowedReads("grandma.wang", "c-1", "child.track")).isPositive();
    }

    @Test
    void guardian_asking_for_another_guardians_child_gets_403_and_the_attempt_is_logged() throws Exception {
        String token = api.signIn("grandma.wang", PASSWORD);

        ApiClient.Answer position = api.get("/api/children/c-2/position", token);
        ApiClient.Answer track = api.get("/api/children/c-2/track", token);

        assertThat(position.status()).isEqualTo(403);
        assertThat(position.error()).isEqualTo("forbidden");
        assertThat(position.body()).doesNotContain("27.45");
        assertThat(track.status()).isEqualTo(403);
        assertThat(platform.count("SELECT count(*) FROM access_log WHERE username = 'grandma.wang' AND child_id = "
                + "'c-2' AND NOT allowed AND action IN ('child.position', 'child.track')")).isEqualTo(2);
        assertThat(api.get("/api/children", token).array().stream().map(child -> ((JsonObject) child)
                .getString("childId")).toList()).containsExactly("c-1");
    }

    @Test
    void an_unknown_child_gets_the_same_403_as_someone_elses() throws Exception {
        String token = api.signIn("grandma.wang", PASSWORD);

        ApiClient.Answer answer = api.get("/api/children/no-such-child/position", token);

        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void dispatcher_of_north_cannot_read_alerts_or_positions_of_south() throws Exception {
        String north = api.signIn("north.desk", PASSWORD);
        String south = api.signIn("south.desk", PASSWORD);

        assertThat(ids(api.get("/api/alerts?state=all", north).array())).doesNotContain(sos.id().toString());
        assertThat(api.get("/api/alerts/" + sos.id(), north).status()).isEqualTo(403);
        assertThat(api.post("/api/alerts/" + sos.id() + "/resolve", north, null).status()).isEqualTo(403);
        assertThat(api.get("/api/children/c-1/position", north).status()).isEqualTo(403);
        assertThat(api.get("/api/children/c-1/track", north).status()).isEqualTo(403);
        assertThat(api.get("/api/children/c-2/position", north).status()).isEqualTo(200);

        assertThat(ids(api.get("/api/alerts", south).array())).contains(sos.id().toString());
        JsonObject alert = api.get("/api/alerts/" + sos.id(), south).json();
        assertThat(alert.getString("jurisdictionId")).isEqualTo("south");
        assertThat(api.get("/api/children/c-1/position", south).status()).isEqualTo(200);
        assertThat(platform.count("SELECT count(*) FROM access_log WHERE username = 'north.desk' AND NOT allowed"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void guardian_acknowledges_their_childs_alert_as_themselves_but_not_another_childs() throws Exception {
        String grandma = api.signIn("grandma.wang", PASSWORD);
        String uncle = api.signIn("uncle.li", PASSWORD);

        assertThat(api.post("/api/alerts/" + sos.id() + "/acknowledge", uncle, null).status()).isEqualTo(403);
        assertThat(ids(api.get("/api/alerts?state=all", uncle).array())).doesNotContain(sos.id().toString());
        assertThat(ids(api.get("/api/alerts?state=all", grandma).array())).contains(sos.id().toString());
        ApiClient.Answer acknowledged = api.post("/api/alerts/" + sos.id() + "/acknowledge", grandma, null);
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(api.post("/api/alerts/" + sos.id() + "/resolve", grandma, null).status()).isEqualTo(403);

        assertThat(platform.count("SELECT count(*) FROM alerts WHERE id = ?::uuid AND acknowledged_by = "
                + "'guardian:g-1'", sos.id().toString())).isEqualTo(1);
    }

    @Test
    void request_without_a_token_is_refused_with_401() throws Exception {
        ApiClient.Answer answer = api.get("/api/alerts", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("unauthenticated");
        assertThat(answer.response().headers().firstValue("www-authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void forged_token_is_refused_with_401() throws Exception {
        String real = api.signIn("grandma.wang", PASSWORD);
        String forged = real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA");

        ApiClient.Answer answer = api.get("/api/children/c-1/position", forged);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("invalid_token");
        assertThat(api.get("/api/children/c-1/position", "not-a-token-at-all").status()).isEqualTo(401);
    }

    @Test
    void expired_token_is_refused_with_401() throws Exception {
        // Issued yesterday with a one-hour life: a real token, stored as the server stores them, long expired.
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        TokenService issuer = new TokenService(dataSource(), yesterday, Duration.ofHours(1));
        IssuedToken expired = issuer.issue(new Principal.GuardianAccount("grandma.wang", "g-1"));

        ApiClient.Answer answer = api.get("/api/children/c-1/position", expired.token());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("invalid_token");
    }

    @Test
    void wrong_password_and_unknown_user_get_the_same_401() throws Exception {
        ApiClient.Answer wrong = api.post("/api/auth/token", null,
                new JsonObject().put("username", "grandma.wang").put("password", "not the password"));
        ApiClient.Answer unknown = api.post("/api/auth/token", null,
                new JsonObject().put("username", "nobody.here").put("password", PASSWORD));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body()).doesNotContain("token\"");
    }

    @Test
    void repeated_wrong_passwords_lock_the_user_name_out_even_for_the_right_one() throws Exception {
        server.access().accounts().create(NewAccount.guardian("often.wrong", "Often Wrong", PASSWORD, "g-2"));
        JsonObject wrong = new JsonObject().put("username", "often.wrong").put("password", "not the password");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/auth/token", null, wrong).status()).isEqualTo(401);
        }

        ApiClient.Answer right = api.post("/api/auth/token", null,
                new JsonObject().put("username", "often.wrong").put("password", PASSWORD));

        assertThat(right.status()).isEqualTo(429);
        assertThat(right.error()).isEqualTo("too_many_failures");
        assertThat(right.response().headers().firstValue("retry-after")).isPresent();
        assertThat(right.body()).doesNotContain("token\"");
    }

    @Test
    void disabled_account_loses_its_tokens_at_once_and_cannot_sign_in() throws Exception {
        server.access().accounts().create(NewAccount.dispatcher("leaving.officer", "Leaving", PASSWORD, "south"));
        String token = api.signIn("leaving.officer", PASSWORD);
        String admin = api.signIn("root", PASSWORD);
        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(200);

        ApiClient.Answer disabled = api.post("/api/accounts/leaving.officer/disable", admin, null);

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/token", null, new JsonObject().put("username", "leaving.officer")
                .put("password", PASSWORD)).status()).isEqualTo(401);
        assertThat(api.post("/api/accounts/leaving.officer/disable", token, null).status()).isEqualTo(401);
        assertThat(api.post("/api/accounts/nobody.at.all/disable", admin, null).status()).isEqualTo(404);
    }

    @Test
    void browser_cookie_set_at_sign_in_authenticates_like_the_header() throws Exception {
        ApiClient.Answer signIn = api.post("/api/auth/token", null,
                new JsonObject().put("username", "grandma.wang").put("password", PASSWORD));
        String cookie = signIn.response().headers().firstValue("set-cookie").orElseThrow();
        assertThat(cookie).startsWith(Authentication.COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict");

        ApiClient.Answer answer = api.getWithCookie("/api/children/c-1/position", cookie.split(";")[0]);

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void dispatchers_list_the_children_whose_band_is_in_their_jurisdiction() throws Exception {
        assertThat(childIds(api.get("/api/children", api.signIn("north.desk", PASSWORD)))).containsExactly("c-2");
        assertThat(childIds(api.get("/api/children", api.signIn("south.desk", PASSWORD)))).containsExactly("c-1");
        assertThat(childIds(api.get("/api/children", api.signIn("root", PASSWORD)))).contains("c-1", "c-2");
    }

    @Test
    void dispatcher_sees_a_band_assigned_to_their_jurisdiction_wherever_it_is() throws Exception {
        String admin = api.signIn("root", PASSWORD);
        String north = api.signIn("north.desk", PASSWORD);
        String assignment = "/api/jurisdictions/north/devices/" + platform.device;
        assertThat(api.put(assignment, north).status()).isEqualTo(403);
        try {
            assertThat(api.put(assignment, admin).status()).isEqualTo(200);

            assertThat(api.get("/api/children/c-1/position", north).status()).isEqualTo(200);
            assertThat(ids(api.get("/api/alerts?state=all", north).array())).contains(sos.id().toString());
            assertThat(api.get("/api/jurisdictions/north/devices", north).json().getJsonArray("devices").getList())
                    .containsExactly(platform.device.toString());
        } finally {
            assertThat(api.delete(assignment, admin).status()).isEqualTo(200);
        }
        assertThat(api.get("/api/children/c-1/position", north).status()).isEqualTo(403);
        assertThat(api.put("/api/jurisdictions/atlantis/devices/" + platform.device, admin).status()).isEqualTo(404);
    }

    @Test
    void guardian_reads_the_zones_serving_their_child_and_not_another_childs() throws Exception {
        String admin = api.signIn("root", PASSWORD);
        ApiClient.Answer created = api.post("/api/zones", admin, new JsonObject().put("type", "FeatureCollection")
                .put("features", new JsonArray()
                        .add(circle("c1-home", platform.device, 27.10, 105.20))
                        .add(circle("c2-home", northDevice, 27.45, 105.40))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String grandma = api.signIn("grandma.wang", PASSWORD);

        ApiClient.Answer mine = api.get("/api/children/c-1/zones", grandma);
        ApiClient.Answer theirs = api.get("/api/children/c-2/zones", grandma);

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().getString("type")).isEqualTo("FeatureCollection");
        assertThat(mine.json().getJsonArray("features").stream()
                .map(feature -> ((JsonObject) feature).getJsonObject("properties").getString("id")).toList())
                .containsExactly("c1-home");
        assertThat(theirs.status()).isEqualTo(403);
        assertThat(theirs.body()).doesNotContain("27.45");
        assertThat(allowedReads("grandma.wang", "c-1", "child.zones")).isPositive();
    }

    @Test
    void guardian_sees_who_read_their_childs_location_without_the_readers_names() throws Exception {
        String south = api.signIn("south.desk", PASSWORD);
        assertThat(api.get("/api/children/c-1/track", south).status()).isEqualTo(200);
        String grandma = api.signIn("grandma.wang", PASSWORD);

        ApiClient.Answer log = api.get("/api/children/c-1/access-log", grandma);
        ApiClient.Answer someoneElses = api.get("/api/children/c-2/access-log", grandma);
        ApiClient.Answer asAdmin = api.get("/api/children/c-1/access-log", api.signIn("root", PASSWORD));

        assertThat(log.status()).isEqualTo(200);
        JsonObject newest = log.array().getJsonObject(0);
        assertThat(newest.getString("role")).isEqualTo("dispatcher");
        assertThat(newest.getString("action")).isEqualTo("child.track");
        assertThat(newest.containsKey("username")).isFalse();
        assertThat(someoneElses.status()).isEqualTo(403);
        assertThat(asAdmin.array().stream().map(entry -> ((JsonObject) entry).getString("username")).toList())
                .contains("south.desk");
    }

    @Test
    void signed_out_token_stops_working() throws Exception {
        String token = api.signIn("grandma.wang", PASSWORD);
        assertThat(api.get("/api/auth/me", token).json().getString("guardian")).isEqualTo("g-1");

        assertThat(api.post("/api/auth/logout", token, null).status()).isEqualTo(204);

        assertThat(api.get("/api/auth/me", token).status()).isEqualTo(401);
    }

    @Test
    void installer_sees_no_locations_and_no_alerts() throws Exception {
        String token = api.signIn("fitter", PASSWORD);

        assertThat(api.get("/api/children/c-1/position", token).status()).isEqualTo(403);
        assertThat(api.get("/api/alerts", token).status()).isEqualTo(403);
        assertThat(api.get("/api/alerts/" + sos.id(), token).status()).isEqualTo(403);
        assertThat(api.get("/api/children", token).array()).isEmpty();
    }

    @Test
    void administrator_creates_an_account_that_can_sign_in_and_others_may_not() throws Exception {
        String admin = api.signIn("root", PASSWORD);
        JsonObject account = new JsonObject().put("username", "aunt.zhao").put("displayName", "Aunt Zhao")
                .put("password", PASSWORD).put("role", "guardian").put("guardian", "g-2");

        ApiClient.Answer created = api.post("/api/accounts", admin, account);
        ApiClient.Answer again = api.post("/api/accounts", admin, account);
        ApiClient.Answer byGuardian = api.post("/api/accounts", api.signIn("grandma.wang", PASSWORD),
                account.copy().put("username", "sneaky.one"));
        ApiClient.Answer unknownGuardian = api.post("/api/accounts", admin,
                account.copy().put("username", "aunt.qian").put("guardian", "g-404"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(409);
        assertThat(byGuardian.status()).isEqualTo(403);
        assertThat(unknownGuardian.status()).isEqualTo(400);
        assertThat(api.get("/api/children", api.signIn("aunt.zhao", PASSWORD)).array().stream()
                .map(child -> ((JsonObject) child).getString("childId")).toList()).containsExactly("c-2");
        assertThat(platform.count("SELECT count(*) FROM accounts WHERE password_hash LIKE '$2%' "
                + "AND password_hash NOT LIKE '%' || ? || '%'", PASSWORD))
                .isEqualTo(platform.count("SELECT count(*) FROM accounts"));
    }

    @Test
    void api_description_is_served_without_a_token() throws Exception {
        ApiClient.Answer answer = api.get("/api/openapi.yaml", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).startsWith("openapi: 3.").contains("/api/children/{childId}/track:");
    }

    private static JsonObject circle(String id, DeviceId child, double latitude, double longitude) {
        return new JsonObject().put("type", "Feature")
                .put("properties", new JsonObject().put("id", id).put("name", id).put("kind", "home")
                        .put("radius", 150).put("children", new JsonArray().add(child.toString())))
                .put("geometry", new JsonObject().put("type", "Point")
                        .put("coordinates", new JsonArray().add(longitude).add(latitude)));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static List<String> childIds(ApiClient.Answer answer) {
        return answer.array().stream().map(child -> ((JsonObject) child).getString("childId")).toList();
    }

    private static List<String> ids(JsonArray alerts) {
        return alerts.stream().map(alert -> ((JsonObject) alert).getString("id")).toList();
    }

    private long allowedReads(String username, String childId, String action) throws SQLException {
        return platform.count("SELECT count(*) FROM access_log WHERE username = ? AND child_id = ? AND action = ? "
                + "AND allowed", username, childId, action);
    }

    private javax.sql.DataSource dataSource() {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(platform.database.jdbcUrl());
        dataSource.setUser(platform.database.user());
        dataSource.setPassword(platform.database.password());
        return dataSource;
    }

    private AlertSummary awaitOpenAlert() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<AlertSummary> open = server.alerts().openAlerts(10).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            if (!open.isEmpty()) {
                return open.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no SOS alert within " + WAIT);
    }

    private void awaitCount(String sql, Object parameter) throws Exception {
        awaitCount(sql, parameter, 1);
    }

    private void awaitCount(String sql, Object parameter, long expected) throws Exception {
        platform.awaitCount(WAIT, expected, sql, parameter);
    }
}
