package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.PositionBatch;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkMessage;
import org.shouhu.sim.load.LinkCounts;
import org.shouhu.sim.load.LoadFleet;
import org.shouhu.sim.load.LoadSettings;
import org.shouhu.sim.model.DeviceSimulation;
import org.shouhu.sim.model.Emission;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;

/** A load fleet whose broker goes away and comes back, against a Mosquitto process of the test's own. */
class LoadFleetReconnectTest {

    private static final int BANDS = 20;
    private static final long SEED = 11;
    /** Fixed, as the broker is the test's own: the same bands every run, one of them in a valley at the reconnect. */
    private static final long FIRST_IMEI = 994_381_276_265_371L;

    @Test
    void bands_whose_broker_restarts_reconnect_and_deliver_every_fix_they_held_meanwhile(@TempDir Path dir)
            throws Exception {
        RegionPlan plan = TestFleets.region(SEED, BANDS, FIRST_IMEI);
        List<DeviceId> ids = plan.devices().stream().map(DeviceAssignment::deviceId).toList();
        List<SimulatedDevice> devices = TestFleets.devices(plan, Duration.ofSeconds(10), PayloadForm.BINARY);
        ManualClock clock = new ManualClock(TestFleets.MONDAY_MORNING);

        try (MosquittoProcess broker = MosquittoProcess.start(dir);
             UplinkCapture capture = UplinkCapture.resuming(broker.url(), ids)) {
            LoadSettings settings = new LoadSettings(broker.url(), devices, SEED, clock, List.of(), 400, 2,
                    Duration.ofMillis(10));
            try (LoadFleet fleet = LoadFleet.start(settings, Duration.ofSeconds(30))) {
                assertThat(fleet.summary().connected()).isEqualTo(BANDS);
                advance(clock, Duration.ofMinutes(1));
                awaitTrue("acknowledged before the restart", () -> fleet.summary().pending() == 0);

                broker.stop();
                awaitTrue("every band noticed the broker was gone", () -> fleet.links().down() == BANDS);
                Instant lostAt = clock.instant();
                long sentBeforeOutage = fleet.summary().sent();
                advance(clock, Duration.ofMinutes(2));
                assertThat(fleet.summary().sent()).as("bands hold their fixes while disconnected")
                        .isEqualTo(sentBeforeOutage);
                assertThat(fleet.summary().connected()).isZero();

                broker.start();
                awaitTrue("every band reconnected", () -> fleet.links().down() == 0);
                Instant restoredAt = clock.instant();
                Thread.sleep(200);
                Instant end = advance(clock, Duration.ofMinutes(3));
                awaitTrue("acknowledged after the restart", () -> fleet.summary().pending() == 0);

                PublishSummary summary = fleet.summary();
                assertThat(fleet.links()).isEqualTo(new LinkCounts(BANDS, BANDS, 0));
                assertThat(summary.connected()).isEqualTo(BANDS);
                assertThat(summary.failed()).isZero();
                assertThat(summary.acknowledged()).isEqualTo(summary.sent());

                List<String> expected = expected(devices, lostAt, restoredAt, end);
                List<UplinkCapture.Received> received = capture.await(r -> true, expected.size());
                assertThat(received.stream().map(LoadFleetReconnectTest::text).distinct().toList())
                        .as("what the model sends with the same drop and reconnect; a message resent after the drop "
                                + "may arrive twice")
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(summary.sent()).isEqualTo(expected.size());
                List<PositionBatch> late = received.stream().map(UplinkCapture.Received::message)
                        .filter(m -> m instanceof PositionBatch).map(m -> (PositionBatch) m)
                        .filter(b -> b.positions().stream().allMatch(p -> p.fix().time().isAfter(lostAt)
                                && p.fix().time().isBefore(restoredAt)))
                        .toList();
                assertThat(late.stream().map(UplinkMessage::deviceId).distinct().count())
                        .as("bands that sent the fixes they took while disconnected as late batches")
                        .isGreaterThanOrEqualTo(BANDS / 2);
            }
        }
    }

    /**
     * What the pure behaviour model sends, as "topic base64(payload)", when every band's connection drops at
     * {@code lostAt} and is back at {@code restoredAt}.
     */
    private static List<String> expected(List<SimulatedDevice> devices, Instant lostAt, Instant restoredAt,
                                         Instant end) {
        List<String> out = new ArrayList<>();
        for (SimulatedDevice device : devices) {
            DeviceSimulation simulation = new DeviceSimulation(device.profile(), SEED, TestFleets.MONDAY_MORNING,
                    List.of());
            List<Emission> emissions = new ArrayList<>(simulation.advanceTo(lostAt));
            simulation.linkLost(lostAt);
            emissions.addAll(simulation.advanceTo(restoredAt));
            simulation.linkRestored(restoredAt);
            emissions.addAll(simulation.advanceTo(end));
            for (Emission emission : emissions) {
                out.add(Topics.uplink(device.id(), emission.message().type()) + " "
                        + Base64.getEncoder().encodeToString(device.form().encode(emission.message())));
            }
        }
        return out;
    }

    private static String text(UplinkCapture.Received received) {
        return received.topic() + " " + Base64.getEncoder().encodeToString(received.payload());
    }

    /** Moves simulated time on in 10 s steps, giving the fleet's ticks time to step the bands; returns the end. */
    private static Instant advance(ManualClock clock, Duration span) throws InterruptedException {
        for (Duration done = Duration.ZERO; done.compareTo(span) < 0; done = done.plusSeconds(10)) {
            clock.advance(Duration.ofSeconds(10));
            Thread.sleep(20);
        }
        return clock.instant();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
