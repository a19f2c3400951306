package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.SosPress;
import org.shouhu.sim.bench.BenchFleet;
import org.shouhu.sim.bench.BenchSettings;
import org.shouhu.sim.bench.Load;
import org.shouhu.sim.bench.PlainSubscriber;
import org.shouhu.sim.bench.SosPressed;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;

class BenchFleetTest {

    private static final int BANDS = 20;
    private static RegionPlan plan;
    private static BenchFleet fleet;

    @BeforeAll
    static void connect() throws Exception {
        plan = TestFleets.region(11, BANDS, TestFleets.unusedFirstImei());
        fleet = BenchFleet.connect(new BenchSettings(TestServices.mqttUrl(),
                TestFleets.devices(plan, Duration.ofSeconds(60), PayloadForm.BINARY), List.of("127.0.0.1"), 2),
                Clock.systemUTC(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() {
        fleet.close();
    }

    @Test
    void flat_out_under_another_root_reaches_the_plain_subscriber_and_not_the_platform_topics() throws Exception {
        URI broker = URI.create(TestServices.mqttUrl());
        String root = "bench-test-" + System.nanoTime() + "/";
        try (PlainSubscriber subscriber = PlainSubscriber.start(broker.getHost(), broker.getPort(), root, 2);
             UplinkCapture platform = new UplinkCapture(TestServices.mqttUrl(), ids())) {
            long before = fleet.summary().acknowledged();
            fleet.drive(Load.flatOut(5, root));
            awaitUntil(() -> subscriber.received() >= 2_000);
            fleet.drive(Load.IDLE);
            awaitUntil(() -> fleet.summary().pending() == 0);
            long acknowledged = fleet.summary().acknowledged() - before;
            awaitUntil(() -> subscriber.received() >= acknowledged);

            assertThat(subscriber.received()).as("QoS 1: each acknowledged message arrives at least once")
                    .isGreaterThanOrEqualTo(acknowledged);
            assertThat(fleet.summary().failed()).isZero();
            assertThat(platform.all()).as("nothing on the platform's topics").isEmpty();
        }
    }

    @Test
    void a_fixed_rate_publishes_decodable_positions_at_that_rate() throws Exception {
        try (UplinkCapture platform = new UplinkCapture(TestServices.mqttUrl(), ids())) {
            long start = System.nanoTime();
            fleet.drive(Load.rate(400, ""));
            List<UplinkCapture.Received> received = platform.await(r -> r.message() instanceof PositionReport, 400);
            double seconds = (System.nanoTime() - start) / 1e9;
            fleet.drive(Load.IDLE);

            // The pacing must never exceed the rate asked for; how far below it a loaded machine falls is not the
            // pacing's doing, so the lower bound only proves that the fleet keeps publishing.
            assertThat(received.size() / seconds).as("messages per second").isBetween(40.0, 500.0);
            assertThat(platform.undecodable()).isEmpty();
            assertThat(received).extracting(r -> r.message().deviceId()).containsAll(ids().subList(0, 5));
        }
    }

    @Test
    void an_sos_press_publishes_a_decodable_press_of_that_band_at_once() throws Exception {
        DeviceId band = plan.devices().get(7).deviceId();
        try (UplinkCapture platform = new UplinkCapture(TestServices.mqttUrl(), List.of(band))) {
            SosPressed pressed = fleet.pressSos(7);

            List<UplinkCapture.Received> presses = platform.await(r -> r.message() instanceof SosPress, 1);
            assertThat(presses.get(0).message().deviceId()).isEqualTo(band);
            assertThat(((SosPress) presses.get(0).message()).fix().hasPosition()).isTrue();
            assertThat(((SosPress) presses.get(0).message()).pressedAt()).isEqualTo(pressed.at().truncatedTo(
                    java.time.temporal.ChronoUnit.MILLIS));
        }
    }

    private static List<DeviceId> ids() {
        return plan.devices().stream().map(DeviceAssignment::deviceId).toList();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }
}
