package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.embedded.TestServices;

class SimulatorMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void help_explains_every_command_and_the_exit_status() {
        int status = run("--help");

        assertThat(status).isEqualTo(SimulatorMain.OK);
        assertThat(stdout()).contains("fleet", "sos", "region", "replay", "load", "bench", "directory-seed",
                "Exit status", "usage error");
    }

    @Test
    void an_unknown_option_is_a_usage_error() {
        int status = run("fleet", "--bogus");

        assertThat(status).isEqualTo(SimulatorMain.USAGE);
        assertThat(stderr()).contains("Unknown option: '--bogus'");
    }

    @Test
    void a_bad_duration_is_a_usage_error() {
        assertThat(run("fleet", "--duration", "ten minutes")).isEqualTo(SimulatorMain.USAGE);
        assertThat(stderr()).contains("not a duration");
    }

    @Test
    void a_bad_scenario_is_a_usage_error_naming_the_line() throws Exception {
        Path scenario = dir.resolve("bad.scn");
        Files.writeString(scenario, "devices 3\nat 07:00 device 1 fly\n");

        int status = run("fleet", "--scenario", scenario.toString(), "--broker", TestServices.mqttUrl());

        assertThat(status).isEqualTo(SimulatorMain.USAGE);
        assertThat(stderr()).contains("line 2").contains("fly");
    }

    @Test
    void region_prints_one_csv_row_per_band() {
        int status = run("region", "-n", "5", "--seed", "3");

        assertThat(status).isEqualTo(SimulatorMain.OK);
        List<String> lines = stdout().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("index,imei,village_id,village_name,home_lat,home_lon,school_id");
        assertThat(lines.get(1)).startsWith("0,868000000000000,V");
    }

    @Test
    void an_accelerated_fleet_run_with_a_scenario_is_recorded_and_replays_cleanly() throws Exception {
        String firstImei = String.valueOf(TestFleets.unusedFirstImei());
        Path scenario = dir.resolve("sos.scn");
        Files.writeString(scenario, "devices 3\nat +5m device 1 sos\nat +10m device 2 offline for 10m\n");
        Path recording = dir.resolve("run.rec");

        int status = run("fleet", "--scenario", scenario.toString(), "--speed", "600", "--duration", "30m",
                "--first-imei", firstImei, "--broker", TestServices.mqttUrl(), "--record", recording.toString());

        assertThat(status).as(stderr()).isEqualTo(SimulatorMain.OK);
        assertThat(stdout()).contains("Summary", "acknowledged", "failed          0", "ack latency");
        List<String> recorded = Files.readAllLines(recording);
        assertThat(recorded.size()).isGreaterThan(10);
        assertThat(recorded).anyMatch(line -> line.contains("/up/sos"));

        out.reset();
        assertThat(run("replay", recording.toString(), "--speed", "0", "--broker", TestServices.mqttUrl()))
                .isEqualTo(SimulatorMain.OK);
        assertThat(stdout()).contains("acknowledged    " + (recorded.size() - 1));
    }

    @Test
    void sos_reports_the_broker_acknowledgement() {
        int status = run("sos", "--index", "2", "--first-imei", String.valueOf(TestFleets.unusedFirstImei()),
                "--broker", TestServices.mqttUrl());

        assertThat(status).as(stderr()).isEqualTo(SimulatorMain.OK);
        assertThat(stdout()).contains("SOS from").contains("broker acknowledged in");
    }

    @Test
    void sos_without_an_answer_from_the_platform_is_a_failure() {
        int status = run("sos", "--no-fix", "--await-help", "300ms",
                "--first-imei", String.valueOf(TestFleets.unusedFirstImei()), "--broker", TestServices.mqttUrl());

        assertThat(status).isEqualTo(SimulatorMain.FAILURES);
        assertThat(stdout()).contains("no SOS acknowledgement from the platform within 300ms");
    }

    @Test
    void an_unreachable_broker_is_a_failure() {
        int status = run("sos", "--broker", "tcp://127.0.0.1:1");

        assertThat(status).isEqualTo(SimulatorMain.FAILURES);
        assertThat(stderr()).contains("broker:");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        return SimulatorMain.run(Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void directory_seed_writes_the_children_of_the_same_bands_as_region() throws Exception {
        Path seed = dir.resolve("seed.json");

        int status = run("directory-seed", "-n", "4", "--seed", "3", "-o", seed.toString(),
                "--police", "http://127.0.0.1:9999/");

        assertThat(status).isEqualTo(SimulatorMain.OK);
        String json = Files.readString(seed);
        assertThat(json).contains("http://127.0.0.1:9999/cap/qixingguan");
        run("region", "-n", "4", "--seed", "3");
        String firstImei = stdout().lines().skip(1).findFirst().orElseThrow().split(",")[1];
        assertThat(json).contains("\"device\":\"" + firstImei + "\"");
    }

    @Test
    void bench_with_a_bad_receiver_address_is_a_usage_error() {
        int status = run("bench", "--database-url", "jdbc:postgresql://127.0.0.1:1/none", "--receiver", "nowhere");

        assertThat(status).isEqualTo(SimulatorMain.USAGE);
        assertThat(stderr()).contains("HOST:PORT");
    }

    @Test
    void bench_without_its_database_is_a_failure() {
        int status = run("bench", "--database-url", "jdbc:postgresql://127.0.0.1:1/none", "--receiver", "127.0.0.1:0",
                "--broker", TestServices.mqttUrl());

        assertThat(status).isEqualTo(SimulatorMain.FAILURES);
    }
}
