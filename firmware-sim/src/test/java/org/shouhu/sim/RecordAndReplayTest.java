package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.PositionBatch;
import org.shouhu.protocol.UplinkMessage;
import org.shouhu.sim.model.Intervention;
import org.shouhu.sim.model.ScheduledIntervention;
import org.shouhu.sim.record.RecordedMessage;
import org.shouhu.sim.record.RecordingFormat;
import org.shouhu.sim.record.RecordingWriter;
import org.shouhu.sim.record.Replayer;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;

class RecordAndReplayTest {

    @TempDir
    Path dir;

    @Test
    void a_recorded_run_replays_to_the_same_messages() throws Exception {
        RegionPlan plan = TestFleets.region(21, 3, TestFleets.unusedFirstImei());
        List<org.shouhu.protocol.DeviceId> ids = plan.devices().stream().map(DeviceAssignment::deviceId).toList();
        Path file = dir.resolve("run.rec");
        ManualClock clock = new ManualClock(TestFleets.MONDAY_MORNING);
        // Band 0 goes offline for 20 minutes, so the recording holds a late batch too.
        var script = java.util.Map.of(ids.get(0), List.of(new ScheduledIntervention(
                TestFleets.MONDAY_MORNING.plusSeconds(60), new Intervention.GoOffline(Duration.ofMinutes(20)))));

        List<String> published;
        try (UplinkCapture capture = new UplinkCapture(TestServices.mqttUrl(), ids);
             RecordingWriter recorder = new RecordingWriter(file)) {
            SimulatedFleet fleet = SimulatedFleet.start(FleetSettings.builder(TestServices.mqttUrl(),
                            TestFleets.devices(plan, Duration.ofSeconds(30), PayloadForm.JSON))
                    .seed(21).clock(clock).tick(Duration.ofMillis(10)).interventions(script).listener(recorder).build());
            for (int minute = 0; minute < 30; minute++) {
                clock.advance(Duration.ofMinutes(1));
                Thread.sleep(10);
            }
            long sent = awaitQuiet(fleet);
            fleet.stop();
            published = capture.await(r -> true, (int) sent).stream().map(r -> base64(r.payload())).toList();
        }

        List<RecordedMessage> recording = RecordingFormat.read(file);
        assertThat(recording).extracting(m -> base64(m.payload())).containsExactlyInAnyOrderElementsOf(published);
        assertThat(recording).anySatisfy(m -> assertThat(m.topic()).endsWith("/up/batch"));

        try (UplinkCapture capture = new UplinkCapture(TestServices.mqttUrl(), ids)) {
            PublishSummary summary = new Replayer(TestServices.mqttUrl(), 0, Clock.systemUTC()).replay(recording);

            assertThat(summary.acknowledged()).isEqualTo(recording.size());
            List<UplinkCapture.Received> replayed = capture.await(r -> true, recording.size());
            for (org.shouhu.protocol.DeviceId id : ids) {
                // Each band's messages arrive in recorded order; bands interleave freely.
                assertThat(replayed.stream().filter(r -> r.message().deviceId().equals(id)).map(r -> base64(r.payload())))
                        .containsExactlyElementsOf(recording.stream().filter(m -> m.device().equals(id))
                                .map(m -> base64(m.payload())).toList());
            }
            List<UplinkMessage> batches = replayed.stream().map(UplinkCapture.Received::message)
                    .filter(PositionBatch.class::isInstance).toList();
            assertThat(batches).isNotEmpty();
        }
    }

    private static String base64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** Waits until the fleet has published everything due and the broker acknowledged it; returns the count. */
    static long awaitQuiet(SimulatedFleet fleet) throws InterruptedException {
        long previous = -1;
        for (int i = 0; i < 200; i++) {
            PublishSummary s = fleet.summary();
            if (s.sent() == previous && s.pending() == 0) {
                return s.sent();
            }
            previous = s.sent();
            Thread.sleep(50);
        }
        return fleet.summary().sent();
    }
}
