package org.shouhu.server.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.shouhu.embedded.EmbeddedMqttBroker;
import org.shouhu.embedded.EmbeddedPostgres;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.ShouhuConfig;
import org.shouhu.server.ShouhuServer;
import org.shouhu.sim.FleetSettings;
import org.shouhu.sim.PayloadForm;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.SimulatedFleet;
import org.shouhu.sim.region.RegionGenerator;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.region.RegionSettings;
import org.shouhu.support.db.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shouhu demo}: everything on embedded defaults, then an SOS to watch. See docs/runbook-demo.md.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the platform on an embedded MQTT broker and an embedded PostgreSQL with sample data "
                + "around Bijie, a simulated fleet of wristbands, and local receivers standing in for guardians' "
                + "apps and police dispatch centres; then press SOS, let one child walk out of school during school hours and "
                + "another into a river, and show where the alerts arrive and how fast.",
                "Keeps running until Ctrl-C unless --exit-after-sos is given."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--devices", defaultValue = "50", description = "Simulated wristbands (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--data-dir", defaultValue = "run/demo",
            description = "Where the embedded PostgreSQL and broker keep their data (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", defaultValue = "8080", description = "HTTP API port (default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated region (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--exit-after-sos", description = "Stop after the SOS and the two zone alerts were delivered (for scripts).")
    boolean exitAfterSos;

    @Override
    public Integer call() throws Exception {
        DemoConsole console = new DemoConsole(System.out);
        Files.createDirectories(dataDir);
        console.step("Starting embedded PostgreSQL and MQTT broker in " + dataDir.toAbsolutePath());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), 0);
             EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(dataDir.resolve("broker"), 0)) {
            postgres.createDatabase("shouhu");
            return run(console, postgres.settings("shouhu"), broker.url());
        }
    }

    private int run(DemoConsole console, DatabaseSettings database, String brokerUrl) throws Exception {
        io.vertx.core.Vertx receiversVertx = io.vertx.core.Vertx.vertx();
        DemoReceivers receivers = await(new DemoReceivers(receiversVertx, Clock.systemUTC()).start());
        RegionPlan plan = new RegionGenerator(RegionSettings.defaults(seed)).generate(devices);
        console.step("Sample region: " + plan.villages().size() + " villages, " + plan.schools().size()
                + " schools, " + devices + " children, 4 police jurisdictions");

        ShouhuServer server = await(ShouhuServer.start(ShouhuConfig.from(serverSettings(database, brokerUrl, receivers))));
        var directory = DemoDirectory.build(plan, receivers);
        server.directory().upsert(directory);
        console.step("Server up: live map http://127.0.0.1:" + server.httpPort() + "/map/   health /health   metrics "
                + "/metrics   API /api (sign in first, see below)");
        DemoAccounts.print(console, DemoAccounts.create(server.access().accounts(), directory), server.httpPort());
        DemoZones zones = DemoZones.plan(plan, Instant.now());
        zones.resolveEarlierRuns(server.alerts());
        zones.install(server.geofence().catalog(), plan, console);
        SimulatedFleet fleet = null;
        try {
            List<SimulatedDevice> bands = plan.devices().stream()
                    .map(child -> SimulatedDevice.of(child, Duration.ofSeconds(10), PayloadForm.BINARY)).toList();
            StoredDevices stored = new StoredDevices();
            server.telemetry().add(stored);
            fleet = SimulatedFleet.start(FleetSettings.builder(brokerUrl, zones.withoutActors(bands)).seed(seed)
                    .build());
            Instant actorsStart = zones.startActors(brokerUrl, bands, seed);
            console.step("Fleet of " + bands.size() + " wristbands connected, reporting every 10 s");
            Thread.sleep(5000);
            runSos(console, receivers, fleet, plan, stored);
            DemoZoneDeliveries.await(console, receivers, zones, actorsStart, Duration.ofSeconds(120),
                    device -> server.geofence().engine().deviceState(device).map(Object::toString)
                            .orElse("no position evaluated"));
            if (!exitAfterSos) {
                console.step("Running. Open alerts: http://127.0.0.1:" + server.httpPort()
                        + "/api/alerts   Press Ctrl-C to stop.");
                Thread.currentThread().join();
            }
            return 0;
        } finally {
            if (fleet != null) {
                fleet.close();
            }
            zones.close();
            console.step("Stopping");
            await(server.stop());
            receiversVertx.close();
        }
    }

    private void runSos(DemoConsole console, DemoReceivers receivers, SimulatedFleet fleet, RegionPlan plan,
                        StoredDevices stored) throws InterruptedException {
        DeviceId child = plan.devices().get(0).deviceId();
        console.step("Pressing SOS on wristband " + child + " (" + plan.devices().get(0).villageName() + ")");
        Instant pressed = Instant.now();
        fleet.pressSos(child);
        DemoDeliveries deliveries = DemoDeliveries.await(receivers, pressed, child, Duration.ofSeconds(10));
        deliveries.print(console);

        DeviceId indoors = plan.devices().get(1).deviceId();
        // The point of this step is the last known position: wait until the band has reported one.
        stored.awaitPosition(indoors, Duration.ofSeconds(15));
        console.step("Pressing SOS without a GNSS fix on wristband " + indoors
                + " (indoors): the alert carries the last known position and its age");
        Instant pressedIndoors = Instant.now();
        fleet.pressSosWithoutFix(indoors);
        DemoDeliveries.await(receivers, pressedIndoors, indoors, Duration.ofSeconds(10)).print(console);
    }

    private Map<String, String> serverSettings(DatabaseSettings database, String brokerUrl, DemoReceivers receivers) {
        Map<String, String> settings = new HashMap<>();
        settings.put("database.url", database.jdbcUrl());
        settings.put("database.user", database.user());
        settings.put("http.port", Integer.toString(httpPort));
        settings.put("ingest.mqtt.url", brokerUrl);
        settings.put("ingest.mqtt.client-id", "shouhu-demo-ingest");
        settings.put("alerts.police.fallback-endpoint", receivers.policeEndpoint("fallback").toString());
        settings.put("alerts.webhook.hmac-secret", "demo-secret-change-me-in-production");
        // The lowest cost fit for production: the demo creates its accounts at every start.
        settings.put("auth.bcrypt-cost", "10");
        settings.putAll(DemoZones.SERVER_SETTINGS);
        return settings;
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
