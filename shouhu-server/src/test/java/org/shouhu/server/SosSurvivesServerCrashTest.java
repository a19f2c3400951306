package org.shouhu.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.RecordingReceiver;
import org.shouhu.server.testing.ServerProcess;
import org.shouhu.server.testing.Wristband;

/**
 * The server is killed (SIGKILL, as in a power cut) after the SOS alert is committed and before any receiver has
 * accepted it; the next server process delivers it.
 */
class SosSurvivesServerCrashTest {

    @Test
    void alert_committed_before_a_crash_is_delivered_by_the_restarted_server(@TempDir Path directory)
            throws Exception {
        try (Platform platform = new Platform(); Wristband wristband = new Wristband(platform.brokerUrl,
                platform.device)) {
            int httpPort = freePort();
            Path config = writeConfig(directory, platform.serverSettings(directory, httpPort));
            Path log = directory.resolve("server.log");
            platform.receiver.answerWith(503);

            Instant pressed;
            try (ServerProcess first = ServerProcess.start(config, httpPort, Map.of(), log)) {
                pressed = wristband.sos(27.12, 105.22);
                awaitCommittedAlert(platform);
                // Refused at least once, so the crash comes between commit and delivery.
                platform.receiver.awaitRequest(request -> request.path().equals("/police/south"),
                        Duration.ofSeconds(20));
                first.kill();
            }
            long refusedBeforeCrash = platform.receiver.requests().size();
            platform.receiver.answerWith(200);
            Instant restarted = Instant.now();

            try (ServerProcess second = ServerProcess.start(config, httpPort, Map.of(), log)) {
                RecordingReceiver.Request police = platform.receiver.awaitRequest(request ->
                        request.path().equals("/police/south") && request.receivedAt().isAfter(restarted),
                        Duration.ofSeconds(30));
                RecordingReceiver.Request guardian = platform.receiver.awaitRequest(request ->
                        request.path().equals("/guardian/g-1") && request.receivedAt().isAfter(restarted),
                        Duration.ofSeconds(30));

                assertThat(police.body()).contains(platform.device.toString());
                assertThat(guardian.body()).contains(platform.device.toString());
                assertThat(refusedBeforeCrash).isPositive();
                assertThat(platform.count("SELECT count(*) FROM alerts WHERE device_id = ?", platform.device.imei()))
                        .as("the press raised exactly one alert across the crash").isEqualTo(1);
                assertThat(pressed).isBefore(restarted);
            }
        }
    }

    private static void awaitCommittedAlert(Platform platform) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (platform.count("SELECT count(*) FROM alerts WHERE device_id = ?", platform.device.imei()) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no alert committed for " + platform.device);
            }
            Thread.sleep(20);
        }
    }

    private static Path writeConfig(Path directory, Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path file = directory.resolve("shouhu.properties");
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, "crash test");
        }
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
