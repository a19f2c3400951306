package org.shouhu.embedded.internal;

import java.util.Map;
import java.util.Optional;
import org.shouhu.support.db.DatabaseSettings;

/**
 * The external test services named by environment variables, read once. Blank values count as unset. Immutable and
 * thread-safe.
 *
 * @param database the external PostgreSQL database to connect to for creating test databases, if configured
 * @param mqttUrl  the external broker's URL, if configured
 */
public record TestEnvironment(Optional<DatabaseSettings> database, Optional<String> mqttUrl) {

    public static final String PG_URL = "SHOUHU_TEST_PG_URL";
    public static final String PG_USER = "SHOUHU_TEST_PG_USER";
    public static final String PG_PASSWORD = "SHOUHU_TEST_PG_PASSWORD";
    public static final String MQTT_URL = "SHOUHU_TEST_MQTT_URL";

    /**
     * Reads the variables from {@code environment}.
     *
     * @throws IllegalArgumentException naming the variable, when a value is set but malformed
     */
    public static TestEnvironment from(Map<String, String> environment) {
        Optional<String> pgUrl = value(environment, PG_URL);
        Optional<DatabaseSettings> database = pgUrl.map(url -> {
            try {
                return new DatabaseSettings(url, value(environment, PG_USER).orElse("postgres"),
                        environment.getOrDefault(PG_PASSWORD, ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PG_URL + ": " + e.getMessage(), e);
            }
        });
        Optional<String> mqtt = value(environment, MQTT_URL);
        mqtt.ifPresent(url -> {
            if (!url.matches("(tcp|ssl|ws|wss)://[^/:]+:\\d{1,5}/?")) {
                throw new IllegalArgumentException(MQTT_URL + " must look like tcp://host:port, got " + url);
            }
        });
        return new TestEnvironment(database, mqtt);
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
