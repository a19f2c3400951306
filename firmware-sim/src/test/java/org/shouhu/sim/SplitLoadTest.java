package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.region.DeviceAssignment;

/** {@code shouhu-sim load --processes N}: one fleet run as several child JVMs, reported as one run. */
class SplitLoadTest {

    /** Small child JVMs: the test machine runs other tests meanwhile. */
    private static final String CHILD_JVM = "-Xmx48m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void a_fleet_split_over_two_processes_runs_each_slice_once_and_sums_them_in_one_summary() throws Exception {
        long firstImei = TestFleets.unusedFirstImei();
        List<DeviceId> ids = TestFleets.region(1, 6, firstImei).devices().stream()
                .map(DeviceAssignment::deviceId).toList();

        try (UplinkCapture capture = new UplinkCapture(TestServices.mqttUrl(), ids)) {
            int status = run("load", "-n", "6", "--processes", "2", "--seed", "1", "--first-imei", "" + firstImei,
                    "--broker", TestServices.mqttUrl(), "--interval", "10s", "--speed", "120", "--duration", "10m",
                    "--connect-rate", "100", "--event-loops", "1", "--process-java-options", CHILD_JVM);

            assertThat(status).as("exit status; stdout:%n%s%nstderr:%n%s", stdout(), stderr())
                    .isEqualTo(SimulatorMain.OK);
            assertThat(stderr()).contains("bands 0..2): 3 connected, 0 failed to connect",
                    "bands 3..5): 3 connected, 0 failed to connect", "6 bands connected, 0 failed to connect",
                    "2 of 2 processes after the ramp, together", "2 of 2 processes at the end, together");
            assertThat(stdout()).contains("bands           6 (6 connected before stopping)", "failed          0",
                    "unacknowledged  0");
            long sent = figure("sent");
            assertThat(figure("acknowledged")).isEqualTo(sent);
            List<UplinkCapture.Received> received = capture.await(r -> true, (int) sent);
            assertThat(received).hasSize((int) sent);
            assertThat(received.stream().map(r -> r.message().deviceId()).distinct())
                    .as("every band of both slices published").containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void a_split_run_whose_processes_cannot_connect_fails_as_a_whole() {
        int status = run("load", "-n", "4", "--processes", "2", "--first-imei", "" + TestFleets.unusedFirstImei(),
                "--broker", "tcp://127.0.0.1:1", "--duration", "0s", "--connect-rate", "100", "--event-loops", "1",
                "--process-java-options", CHILD_JVM);

        assertThat(status).isEqualTo(SimulatorMain.FAILURES);
        assertThat(stderr()).contains("bands 0..1): 0 connected, 2 failed to connect",
                "bands 2..3): 0 connected, 2 failed to connect", "0 bands connected, 4 failed to connect");
        assertThat(stdout()).contains("bands           4 (0 connected before stopping)");
    }

    private long figure(String name) {
        Matcher matcher = Pattern.compile("(?m)^  " + name + " +(\\d+)$").matcher(stdout());
        assertThat(matcher.find()).as("'%s' in the summary:%n%s", name, stdout()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private int run(String... args) {
        return SimulatorMain.run(Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
