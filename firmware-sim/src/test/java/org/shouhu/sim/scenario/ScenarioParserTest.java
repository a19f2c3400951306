package org.shouhu.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.model.DeviceSimulation;
import org.shouhu.sim.model.Emission;
import org.shouhu.sim.model.Intervention;
import org.shouhu.sim.model.ScheduledIntervention;
import org.shouhu.sim.region.GeoPoint;
import org.shouhu.sim.region.RegionGenerator;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.region.RegionSettings;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.PayloadForm;

class ScenarioParserTest {

    private static final List<String> RIVER_SCARE = List.of(
            "# River scare",
            "seed 42",
            "devices 12",
            "start 2026-03-02T06:00+08:00",
            "interval 30s",
            "duration 12h",
            "",
            "at 07:35 device 3 sos            # local time",
            "at 07:40 device 4 sos without-fix",
            "at +2h device 5 enter-danger-zone for 45m",
            "at day 2 09:00 device 868000000000007 remove-band for 2h",
            "at 10:00 device 9 offline for 1h",
            "at 11:00 device 2 walk-to 27.3012,105.2875",
            "at 2026-03-02T14:00+08:00 device 1 sos");

    @Test
    void reads_settings_and_every_kind_of_event() throws Exception {
        Scenario scenario = ScenarioParser.parse("river.scn", RIVER_SCARE);

        assertThat(scenario.seed()).hasValue(42);
        assertThat(scenario.devices()).hasValue(12);
        assertThat(scenario.start()).contains(Instant.parse("2026-03-01T22:00:00Z"));
        assertThat(scenario.interval()).contains(Duration.ofSeconds(30));
        assertThat(scenario.duration()).contains(Duration.ofHours(12));
        assertThat(scenario.events()).extracting(ScenarioEvent::intervention).containsExactly(
                new Intervention.PressSos(true),
                new Intervention.PressSos(false),
                new Intervention.EnterDangerSpot(Duration.ofMinutes(45)),
                new Intervention.RemoveBand(Duration.ofHours(2)),
                new Intervention.GoOffline(Duration.ofHours(1)),
                new Intervention.WalkTo(new GeoPoint(27.3012, 105.2875), Duration.ofMinutes(30)),
                new Intervention.PressSos(true));
        assertThat(scenario.events().get(0).line()).isEqualTo(8);
    }

    @Test
    void schedules_local_relative_and_absolute_times_against_the_start() throws Exception {
        Scenario scenario = ScenarioParser.parse("river.scn", RIVER_SCARE);
        RegionPlan plan = new RegionGenerator(RegionSettings.defaults(42)).generate(12);
        Instant start = scenario.start().orElseThrow();

        Map<DeviceId, List<ScheduledIntervention>> schedule = scenario.schedule(start, plan);

        assertThat(schedule.get(plan.devices().get(3).deviceId()))
                .containsExactly(new ScheduledIntervention(Instant.parse("2026-03-01T23:35:00Z"), new Intervention.PressSos(true)));
        assertThat(schedule.get(plan.devices().get(5).deviceId()).get(0).at()).isEqualTo(start.plus(Duration.ofHours(2)));
        assertThat(schedule.get(new DeviceId(868_000_000_000_007L)).get(0).at())
                .isEqualTo(Instant.parse("2026-03-03T01:00:00Z"));
        assertThat(schedule.get(plan.devices().get(1).deviceId()).get(0).at())
                .isEqualTo(Instant.parse("2026-03-02T06:00:00Z"));
    }

    @Test
    void reports_every_bad_line_with_its_number() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("bad.scn", List.of(
                "seed forty-two",
                "at 07:35 device 3 dance",
                "at 25:00 device 3 sos",
                "at 07:00 device 2 offline",
                "teleport device 1",
                "at 08:00 device 1 sos   # fine")));

        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems().get(0)).startsWith("line 1:").contains("seed");
        assertThat(e.problems().get(1)).startsWith("line 2:").contains("dance");
        assertThat(e.problems().get(2)).startsWith("line 3:").contains("25:00");
        assertThat(e.problems().get(3)).startsWith("line 4:").contains("for <duration>");
        assertThat(e.problems().get(4)).startsWith("line 5:").contains("teleport");
        assertThat(e.getMessage()).startsWith("bad.scn: ");
    }

    @Test
    void rejects_events_for_bands_beyond_the_fleet_or_before_the_start() throws Exception {
        Scenario scenario = ScenarioParser.parse("s", List.of("at 07:00 device 30 sos", "at 05:00 device 1 sos"));
        RegionPlan plan = new RegionGenerator(RegionSettings.defaults(1)).generate(10);

        ScenarioException e = assertThrows(ScenarioException.class,
                () -> scenario.schedule(Instant.parse("2026-03-01T22:00:00Z"), plan));

        assertThat(e.problems()).containsExactly(
                "line 1: device 30 is not among the 10 simulated devices",
                "line 2: 2026-03-01T21:00:00Z is before the start of the run (2026-03-01T22:00:00Z)");
    }

    @Test
    void a_scenario_is_deterministic_for_a_seed() throws Exception {
        Scenario scenario = ScenarioParser.parse("river.scn", RIVER_SCARE);
        RegionPlan plan = new RegionGenerator(RegionSettings.defaults(42)).generate(12);
        Instant start = scenario.start().orElseThrow();

        assertThat(runAll(scenario, plan, start)).isEqualTo(runAll(scenario, plan, start));
    }

    private static List<Emission> runAll(Scenario scenario, RegionPlan plan, Instant start) throws ScenarioException {
        Map<DeviceId, List<ScheduledIntervention>> schedule = scenario.schedule(start, plan);
        return plan.devices().stream()
                .map(child -> SimulatedDevice.of(child, Duration.ofSeconds(30), PayloadForm.BINARY))
                .flatMap(band -> new DeviceSimulation(band.profile(), 42, start,
                        schedule.getOrDefault(band.id(), List.of())).advanceTo(start.plus(Duration.ofHours(30))).stream())
                .toList();
    }
}
