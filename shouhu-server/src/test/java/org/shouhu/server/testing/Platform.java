package org.shouhu.server.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.DeviceId;
import org.shouhu.support.db.DatabaseSettings;

/**
 * What an end-to-end test stands on: a fresh database, the test broker, one recording HTTP receiver playing two
 * police jurisdictions (north and south of latitude 27.3 between longitudes 105.0 and 105.6), the fallback
 * endpoint and a guardian, and a directory with one child wearing a random wristband.
 */
public final class Platform implements AutoCloseable {

    public static final double BORDER_LATITUDE = 27.3;

    public final DatabaseSettings database = TestServices.freshDatabase();
    public final String brokerUrl = TestServices.mqttUrl();
    public final RecordingReceiver receiver;
    public final DeviceId device = new DeviceId(860_000_000_000_000L + ThreadLocalRandom.current().nextLong(1L << 40));
    public final String shareGroup = "e2e" + UUID.randomUUID().toString().substring(0, 8);

    public Platform() throws Exception {
        receiver = RecordingReceiver.start();
    }

    /** The directory seed: jurisdictions north and south, guardian g-1, child c-1 wearing {@link #device}. */
    public String directorySeed() {
        JsonArray features = new JsonArray()
                .add(jurisdiction("north", "North County Police", BORDER_LATITUDE, 27.6))
                .add(jurisdiction("south", "South County Police", 27.0, BORDER_LATITUDE));
        return new JsonObject()
                .put("jurisdictions", new JsonObject().put("type", "FeatureCollection").put("features", features))
                .put("guardians", new JsonArray().add(new JsonObject().put("id", "g-1").put("name", "Grandma Wang")
                        .put("language", "en").put("channels", new JsonArray()
                                .add(new JsonObject().put("webhook", receiver.url("/guardian/g-1").toString())))))
                .put("children", new JsonArray().add(new JsonObject().put("id", "c-1").put("name", "Wang Xiaoming")
                        .put("device", device.toString()).put("guardians", new JsonArray().add("g-1"))))
                .encodePrettily();
    }

    private JsonObject jurisdiction(String id, String name, double south, double north) {
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(105.0).add(south)).add(new JsonArray().add(105.6).add(south))
                .add(new JsonArray().add(105.6).add(north)).add(new JsonArray().add(105.0).add(north))
                .add(new JsonArray().add(105.0).add(south));
        return new JsonObject().put("type", "Feature")
                .put("properties", new JsonObject().put("id", id).put("name", name)
                        .put("capEndpoint", receiver.url("/police/" + id).toString()))
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)));
    }

    /** Server settings for this platform; the seed is written into {@code directory}. */
    public Map<String, String> serverSettings(Path directory, int httpPort) throws Exception {
        Path seed = directory.resolve("directory.json");
        Files.writeString(seed, directorySeed());
        Map<String, String> settings = new HashMap<>();
        settings.put("database.url", database.jdbcUrl());
        settings.put("database.user", database.user());
        settings.put("database.password", database.password());
        settings.put("http.port", Integer.toString(httpPort));
        settings.put("directory.seed-file", seed.toString());
        settings.put("ingest.mqtt.url", brokerUrl);
        settings.put("ingest.mqtt.client-id", "ingest-" + shareGroup);
        settings.put("ingest.mqtt.share-group", shareGroup);
        settings.put("alerts.police.fallback-endpoint", receiver.url("/police/fallback").toString());
        settings.put("alerts.webhook.hmac-secret", "end-to-end-test-secret-0123456789");
        settings.put("alerts.delivery.retry-base", "100ms");
        settings.put("alerts.delivery.retry-cap", "1s");
        return settings;
    }

    /** Runs a query returning one number. */
    /** Waits until the query counts at least {@code expected}, and fails naming the query when it does not. */
    public void awaitCount(Duration timeout, long expected, String sql, Object... parameters) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long actual = count(sql, parameters);
        while (actual < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            actual = count(sql, parameters);
        }
        org.assertj.core.api.Assertions.assertThat(actual).as(sql).isGreaterThanOrEqualTo(expected);
    }

    public long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Override
    public void close() throws Exception {
        receiver.close();
    }
}
