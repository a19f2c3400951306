package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;

class SameSeedOverBrokerTest {

    @Test
    void same_seed_publishes_the_same_messages() throws Exception {
        RegionPlan plan = TestFleets.region(5, 3, TestFleets.unusedFirstImei());
        List<DeviceId> ids = plan.devices().stream().map(DeviceAssignment::deviceId).toList();

        List<String> first = run(plan, ids, 5);
        List<String> second = run(plan, ids, 5);
        List<String> otherSeed = run(plan, ids, 6);

        assertThat(first).hasSizeGreaterThan(10);
        assertThat(second).containsExactlyInAnyOrderElementsOf(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    private static List<String> run(RegionPlan plan, List<DeviceId> ids, long seed) throws Exception {
        ManualClock clock = new ManualClock(TestFleets.MONDAY_MORNING);
        try (UplinkCapture capture = new UplinkCapture(TestServices.mqttUrl(), ids)) {
            SimulatedFleet fleet = SimulatedFleet.start(FleetSettings.builder(TestServices.mqttUrl(),
                            TestFleets.devices(plan, Duration.ofSeconds(20), PayloadForm.BINARY))
                    .seed(seed).clock(clock).tick(Duration.ofMillis(10)).build());
            try {
                for (int i = 0; i < 20; i++) {
                    clock.advance(Duration.ofSeconds(17));
                    Thread.sleep(7);
                }
                long sent = RecordAndReplayTest.awaitQuiet(fleet);
                return capture.await(r -> true, (int) sent).stream().map(r -> java.util.Base64.getEncoder().encodeToString(r.payload())).toList();
            } finally {
                fleet.stop();
            }
        }
    }
}
