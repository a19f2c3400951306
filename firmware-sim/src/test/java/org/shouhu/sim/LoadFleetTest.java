package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Topics;
import org.shouhu.sim.load.LoadFleet;
import org.shouhu.sim.load.LoadSettings;
import org.shouhu.sim.model.DeviceSimulation;
import org.shouhu.sim.model.Emission;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;

class LoadFleetTest {

    private static final Duration SPAN = Duration.ofMinutes(4);

    @Test
    void multiplexed_bands_publish_exactly_what_the_behaviour_model_emits_and_all_are_acknowledged() throws Exception {
        RegionPlan plan = TestFleets.region(9, 40, TestFleets.unusedFirstImei());
        List<DeviceId> ids = plan.devices().stream().map(DeviceAssignment::deviceId).toList();
        List<SimulatedDevice> devices = TestFleets.devices(plan, Duration.ofSeconds(10), PayloadForm.BINARY);
        ManualClock clock = new ManualClock(TestFleets.MONDAY_MORNING);
        LoadSettings settings = new LoadSettings(TestServices.mqttUrl(), devices, 9, clock, List.of("127.0.0.1"),
                400, 2, Duration.ofMillis(10));
        List<String> expected = expected(devices, 9, TestFleets.MONDAY_MORNING, TestFleets.MONDAY_MORNING.plus(SPAN));

        try (UplinkCapture capture = new UplinkCapture(TestServices.mqttUrl(), ids);
             LoadFleet fleet = LoadFleet.start(settings, Duration.ofSeconds(30))) {
            assertThat(fleet.connectFailures()).isZero();
            assertThat(fleet.summary().connected()).isEqualTo(40);
            for (Duration done = Duration.ZERO; done.compareTo(SPAN) < 0; done = done.plusSeconds(10)) {
                clock.advance(Duration.ofSeconds(10));
                Thread.sleep(10);
            }

            List<String> published = capture.await(r -> true, expected.size()).stream()
                    .map(r -> r.topic() + " " + Base64.getEncoder().encodeToString(r.payload())).toList();
            assertThat(expected).hasSizeGreaterThan(40 * 4);
            assertThat(published).containsExactlyInAnyOrderElementsOf(expected);
            for (DeviceId id : ids) {
                assertThat(published.stream().filter(p -> p.contains("/" + id + "/")).toList())
                        .as("order of band %s", id)
                        .containsExactlyElementsOf(expected.stream().filter(p -> p.contains("/" + id + "/")).toList());
            }
            PublishSummary summary = awaitAcknowledged(fleet);
            assertThat(summary.failed()).isZero();
            assertThat(summary.acknowledged()).isEqualTo(summary.sent()).isEqualTo(expected.size());
        }
    }

    /** What the pure behaviour model says the bands publish, as "topic base64(payload)". */
    private static List<String> expected(List<SimulatedDevice> devices, long seed, Instant start, Instant end) {
        List<String> out = new ArrayList<>();
        for (SimulatedDevice device : devices) {
            DeviceSimulation simulation = new DeviceSimulation(device.profile(), seed, start, List.of());
            for (Emission emission : simulation.advanceTo(end)) {
                out.add(Topics.uplink(device.id(), emission.message().type()) + " "
                        + Base64.getEncoder().encodeToString(device.form().encode(emission.message())));
            }
        }
        return out;
    }

    private static PublishSummary awaitAcknowledged(LoadFleet fleet) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fleet.summary().pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return fleet.summary();
    }
}
