package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.embedded.BrokerPersistence;
import org.shouhu.embedded.EmbeddedMqttBroker;
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

    @Test
    void bands_spread_over_brokers_by_their_index_in_the_whole_fleet(@TempDir Path dir) throws Exception {
        RegionPlan plan = TestFleets.region(9, 6, TestFleets.unusedFirstImei());
        List<DeviceId> ids = plan.devices().stream().map(DeviceAssignment::deviceId).toList();
        List<SimulatedDevice> devices = TestFleets.devices(plan, Duration.ofSeconds(10), PayloadForm.BINARY);
        ManualClock clock = new ManualClock(TestFleets.MONDAY_MORNING);
        Duration span = Duration.ofMinutes(2);

        try (EmbeddedMqttBroker second = EmbeddedMqttBroker.start(dir, 0, BrokerPersistence.IN_MEMORY);
             UplinkCapture onFirst = new UplinkCapture(TestServices.mqttUrl(), ids);
             UplinkCapture onSecond = new UplinkCapture(second.url(), ids)) {
            List<String> brokers = List.of(TestServices.mqttUrl(), second.url());
            // As the second slice of a fleet split over processes: its bands are 3..8 of the whole fleet.
            LoadSettings settings = new LoadSettings(brokers, devices, 3, 9, clock, List.of(), 400, 2,
                    Duration.ofMillis(10));
            try (LoadFleet fleet = LoadFleet.start(settings, Duration.ofSeconds(30))) {
                assertThat(fleet.connectFailures()).isZero();
                for (Duration done = Duration.ZERO; done.compareTo(span) < 0; done = done.plusSeconds(10)) {
                    clock.advance(Duration.ofSeconds(10));
                    Thread.sleep(10);
                }
                assertThat(awaitAcknowledged(fleet).pending()).isZero();
            }

            for (int i = 0; i < devices.size(); i++) {
                SimulatedDevice band = devices.get(i);
                int expected = expected(List.of(band), 9, TestFleets.MONDAY_MORNING,
                        TestFleets.MONDAY_MORNING.plus(span)).size();
                boolean onFirstBroker = (3 + i) % 2 == 0;
                UplinkCapture own = onFirstBroker ? onFirst : onSecond;
                UplinkCapture other = onFirstBroker ? onSecond : onFirst;
                assertThat(own.await(r -> r.message().deviceId().equals(band.id()), expected))
                        .as("band %d on broker %d", 3 + i, onFirstBroker ? 0 : 1).hasSize(expected);
                assertThat(other.matching(r -> r.message().deviceId().equals(band.id())))
                        .as("band %d on the other broker", 3 + i).isEmpty();
            }
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
