package org.shouhu.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.RecordingReceiver;
import org.shouhu.server.testing.ServerProcess;
import org.shouhu.server.testing.Wristband;

/**
 * Prints where the time of the first SOS presses after a server start goes. The server runs as its own JVM, started
 * fresh as in production (its start-up ends when {@code /health} answers); then wristbands press SOS one after the
 * other, each a different child in the south jurisdiction, and for each press the harness prints the stages read
 * from the database and the receivers: press → alert row ({@code raised_at}: MQTT, ingest and the raise up to its
 * transaction's clock), → outbox rows ({@code created_at}), → the police receiver got the CAP message, and the same
 * for the guardian, and the server's CPU time from the press until the deliveries are recorded (plus the idle
 * server's background work over that second or so). Not a test; run it with
 * {@code java -cp <test classpath> org.shouhu.server.FirstSosLatencyHarness [presses] [extra JVM-free settings k=v ...]}
 * with {@code SHOUHU_TEST_PG_URL} and {@code SHOUHU_TEST_MQTT_URL} set as for the tests.
 */
public final class FirstSosLatencyHarness {

    private FirstSosLatencyHarness() {
    }

    public static void main(String[] args) throws Exception {
        int presses = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Path directory = Files.createTempDirectory("first-sos");
        try (Platform platform = new Platform()) {
            int httpPort = freePort();
            Map<String, String> settings = platform.serverSettings(directory, httpPort);
            List<DeviceId> devices = new ArrayList<>();
            devices.add(platform.device);
            for (int i = 1; i < presses; i++) {
                devices.add(new DeviceId(platform.device.imei() + i));
            }
            Files.writeString(Path.of(settings.get("directory.seed-file")), seed(platform, devices));
            for (int i = 1; i < args.length; i++) {
                String[] pair = args[i].split("=", 2);
                settings.put(pair[0], pair[1]);
            }
            Path config = directory.resolve("shouhu.properties");
            Properties properties = new Properties();
            properties.putAll(settings);
            try (var out = Files.newBufferedWriter(config)) {
                properties.store(out, "first SOS harness");
            }
            warmReceiver(platform.receiver);
            Instant starting = Instant.now();
            try (ServerProcess server = ServerProcess.start(config, httpPort, Map.of(), directory.resolve("server.log"))) {
                System.out.printf(Locale.ROOT, "server healthy after %d ms%n",
                        Duration.between(starting, Instant.now()).toMillis());
                Files.readAllLines(directory.resolve("server.log")).stream()
                        .filter(line -> line.contains("SOS path warmed up")).forEach(System.out::println);
                Thread.sleep(1_000); // as in the demo, the press comes a little after start-up
                long idle = cpuMillis(server.pid());
                Thread.sleep(1_000);
                System.out.printf(Locale.ROOT, "idle server CPU over 1 s: %d ms%n", cpuMillis(server.pid()) - idle);
                for (int i = 0; i < devices.size(); i++) {
                    Thread.sleep(1_000);
                    long cpuBefore = cpuMillis(server.pid());
                    press(platform, devices.get(i), i + 1);
                    System.out.printf(Locale.ROOT, "  server CPU from the press to the deliveries recorded: %d ms%n",
                            cpuMillis(server.pid()) - cpuBefore);
                }
            }
        }
    }

    private static void press(Platform platform, DeviceId device, int number) throws Exception {
        Instant pressed;
        try (Wristband band = new Wristband(platform.brokerUrl, device)) {
            pressed = band.sos(27.12, 105.22);
            RecordingReceiver.Request police = platform.receiver.awaitRequest(request ->
                    request.path().equals("/police/south") && request.body().contains(device.toString()),
                    Duration.ofSeconds(20));
            RecordingReceiver.Request guardian = platform.receiver.awaitRequest(request ->
                    request.path().startsWith("/guardian/") && request.body().contains(device.toString()),
                    Duration.ofSeconds(20));
            Thread.sleep(300); // let the server record the deliveries (counted in the CPU time)
            try (Connection connection = DriverManager.getConnection(platform.database.jdbcUrl(),
                    platform.database.user(), platform.database.password());
                 PreparedStatement query = connection.prepareStatement("SELECT a.raised_at, min(o.created_at), "
                         + "max(o.delivered_at) FILTER (WHERE o.recipient_key LIKE 'police%'), "
                         + "max(o.delivered_at) FILTER (WHERE o.recipient_key LIKE 'guardian%') "
                         + "FROM alerts a JOIN alert_outbox o ON o.alert_id = a.id WHERE a.device_id = ? "
                         + "GROUP BY a.raised_at")) {
                query.setLong(1, device.imei());
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    System.out.printf(Locale.ROOT, "press %d: raised +%d ms, outbox +%d ms, police got it +%d ms "
                                    + "(recorded +%d), guardian got it +%d ms (recorded +%d)%n", number,
                            since(pressed, row.getObject(1, OffsetDateTime.class)),
                            since(pressed, row.getObject(2, OffsetDateTime.class)),
                            Duration.between(pressed, police.receivedAt()).toMillis(),
                            since(pressed, row.getObject(3, OffsetDateTime.class)),
                            Duration.between(pressed, guardian.receivedAt()).toMillis(),
                            since(pressed, row.getObject(4, OffsetDateTime.class)));
                }
            }
        }
    }

    /**
     * User and system CPU time of a process so far, from {@code /proc/<pid>/stat} (10 ms ticks). Unlike wall-clock
     * latency it does not grow when other work on the machine keeps the server from a core.
     */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime in USER_HZ (100)
    }

    private static long since(Instant pressed, OffsetDateTime at) {
        return at == null ? -1 : Duration.between(pressed, at.toInstant()).toMillis();
    }

    /** The receiver runs in this JVM: its own first request is not the server's cost. */
    private static void warmReceiver(RecordingReceiver receiver) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = receiver.url("/warm-up");
        for (int i = 0; i < 50; i++) {
            client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private static String seed(Platform platform, List<DeviceId> devices) {
        JsonObject seed = new JsonObject(platform.directorySeed());
        JsonArray children = new JsonArray();
        for (int i = 0; i < devices.size(); i++) {
            children.add(new JsonObject().put("id", "c-" + (i + 1)).put("name", "Child " + (i + 1))
                    .put("device", devices.get(i).toString()).put("guardians", new JsonArray().add("g-1")));
        }
        return seed.put("children", children).encodePrettily();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
