package org.shouhu.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.support.db.DatabaseSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The ingest contract on containers: TimescaleDB (the hypertable, compression and retention-policy flavour of the
 * schema) and Eclipse Mosquitto. Runs where a Docker engine is reachable; elsewhere every test is skipped, with the
 * reason, before anything is pulled or started.
 */
class ContainersIngestContractTest extends IngestContract {

    static final DockerImageName TIMESCALE = DockerImageName.parse("timescale/timescaledb:2.17.2-pg16")
            .asCompatibleSubstituteFor("postgres");
    static final DockerImageName MOSQUITTO = DockerImageName.parse("eclipse-mosquitto:2.0.20");
    private static final int MQTT_PORT = 1883;

    private PostgreSQLContainer<?> timescale;
    private GenericContainer<?> mosquitto;

    @Override
    String unavailableReason() {
        return DockerAvailability.check() ? null
                : "no Docker engine reachable: the TimescaleDB and Mosquitto container tests are skipped "
                        + "(the same contract runs on the local services in LocalServicesIngestContractTest)";
    }

    @Override
    void startServices() {
        timescale = new PostgreSQLContainer<>(TIMESCALE);
        // The image's no-auth configuration listens on all interfaces and allows anonymous clients.
        mosquitto = new GenericContainer<>(MOSQUITTO).withExposedPorts(MQTT_PORT)
                .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");
        timescale.start();
        mosquitto.start();
    }

    @Override
    void stopServices() {
        if (mosquitto != null) {
            mosquitto.stop();
        }
        if (timescale != null) {
            timescale.stop();
        }
    }

    @Override
    DatabaseSettings database() {
        return new DatabaseSettings(timescale.getJdbcUrl(), timescale.getUsername(), timescale.getPassword());
    }

    @Override
    String mqttUrl() {
        return "tcp://" + mosquitto.getHost() + ":" + mosquitto.getMappedPort(MQTT_PORT);
    }

    /**
     * Whether Testcontainers finds a Docker engine; decided once per JVM. Where nothing points to an engine (no
     * {@code DOCKER_HOST}, no Testcontainers settings file, no Docker socket in the usual places) the answer is no
     * at once, without Testcontainers' slower probing of every strategy.
     */
    static final class DockerAvailability {
        private static Boolean available;

        static synchronized boolean check() {
            if (available == null) {
                available = somethingPointsToDocker() && DockerClientFactory.instance().isDockerAvailable();
            }
            return available;
        }

        private static boolean somethingPointsToDocker() {
            if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null) {
                return true;
            }
            String home = System.getProperty("user.home");
            String runtime = System.getenv("XDG_RUNTIME_DIR");
            List<Path> hints = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                    Path.of(home, ".testcontainers.properties"), Path.of(home, ".docker", "run", "docker.sock"),
                    Path.of(home, ".docker", "desktop", "docker.sock")));
            if (runtime != null) {
                hints.add(Path.of(runtime, "docker.sock"));
            }
            return hints.stream().anyMatch(Files::exists);
        }
    }
}
