package org.shouhu.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.CommandType;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.DownlinkCodec;
import org.shouhu.protocol.LocateNow;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.SosAcknowledged;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;

class SimulatedFleetTest {

    private static final int BANDS = 4;

    private final ManualClock clock = new ManualClock(TestFleets.MONDAY_MORNING);
    private RegionPlan plan;
    private SimulatedFleet fleet;
    private UplinkCapture capture;

    @BeforeEach
    void startFleet() throws Exception {
        plan = TestFleets.region(7, BANDS, TestFleets.unusedFirstImei());
        capture = new UplinkCapture(TestServices.mqttUrl(), plan.devices().stream().map(DeviceAssignment::deviceId).toList());
        List<SimulatedDevice> devices = TestFleets.devices(plan, Duration.ofSeconds(10), PayloadForm.BINARY);
        fleet = SimulatedFleet.start(FleetSettings.builder(TestServices.mqttUrl(), devices)
                .seed(7).clock(clock).tick(Duration.ofMillis(10)).build());
    }

    @AfterEach
    void stopFleet() throws Exception {
        fleet.stop();
        capture.close();
    }

    @Test
    void every_band_publishes_decodable_positions_with_increasing_sequences() throws Exception {
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(10));
            Thread.sleep(5);
        }
        for (DeviceAssignment child : plan.devices()) {
            List<PositionReport> reports = capture.await(r -> r.message() instanceof PositionReport p
                    && p.deviceId().equals(child.deviceId()), 5).stream()
                    .map(r -> (PositionReport) r.message()).toList();
            for (int i = 1; i < reports.size(); i++) {
                assertThat(reports.get(i).sequence()).isGreaterThan(reports.get(i - 1).sequence());
            }
            for (PositionReport report : reports) {
                if (report.fix().hasPosition()) {
                    double fromHome = child.home().distanceMetres(new org.shouhu.sim.region.GeoPoint(
                            report.fix().latitude(), report.fix().longitude()));
                    assertThat(fromHome).isLessThan(child.home().distanceMetres(child.school()) + 10_000);
                }
            }
        }
        assertThat(capture.undecodable()).isEmpty();
        PublishSummary summary = fleet.summary();
        assertThat(summary.devices()).isEqualTo(BANDS);
        assertThat(summary.connected()).isEqualTo(BANDS);
        assertThat(summary.sent()).isGreaterThanOrEqualTo(BANDS * 5L);
        assertThat(summary.failed()).isZero();
    }

    @Test
    void sos_press_returns_once_acknowledged_and_the_platform_decodes_it() throws Exception {
        DeviceId band = plan.devices().get(1).deviceId();
        clock.advance(Duration.ofSeconds(30));
        Instant pressed = fleet.pressSos(band);

        assertThat(pressed).isEqualTo(clock.instant());
        SosPress sos = (SosPress) capture.await(r -> r.message() instanceof SosPress, 1).get(0).message();
        assertThat(sos.deviceId()).isEqualTo(band);
        assertThat(Duration.between(pressed, sos.pressedAt()).abs()).isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(fleet.summary().acknowledged()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void sos_without_fix_carries_no_position() throws Exception {
        DeviceId band = plan.devices().get(2).deviceId();
        fleet.pressSosWithoutFix(band);

        SosPress sos = (SosPress) capture.await(r -> r.message() instanceof SosPress, 1).get(0).message();
        assertThat(sos.deviceId()).isEqualTo(band);
        assertThat(sos.fix().hasPosition()).isFalse();
    }

    @Test
    void pressing_sos_on_a_band_outside_the_fleet_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> fleet.pressSos(new DeviceId(123_456_789_012_345L)));
    }

    @Test
    void band_learns_help_is_coming_when_the_platform_acknowledges_its_sos() throws Exception {
        DeviceId band = plan.devices().get(0).deviceId();
        fleet.pressSos(band);
        SosPress sos = (SosPress) capture.await(r -> r.message() instanceof SosPress, 1).get(0).message();

        publishDownlink(band, CommandType.SOS_ACKNOWLEDGED,
                DownlinkCodec.encodeBinary(new SosAcknowledged(band, 1, sos.sequence())));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fleet.helpComing(band) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fleet.helpComing(band)).isEqualTo(1);
    }

    @Test
    void locate_now_gets_a_fresh_position_at_once() throws Exception {
        DeviceId band = plan.devices().get(3).deviceId();
        clock.advance(Duration.ofSeconds(1));
        Thread.sleep(200);
        int before = capture.matching(r -> r.message() instanceof PositionReport && r.message().deviceId().equals(band)).size();

        publishDownlink(band, CommandType.LOCATE_NOW, DownlinkCodec.encodeJson(new LocateNow(band, 9)));

        assertThat(capture.await(r -> r.message() instanceof PositionReport && r.message().deviceId().equals(band),
                before + 1)).isNotEmpty();
    }

    private static void publishDownlink(DeviceId band, CommandType type, byte[] payload) throws Exception {
        MqttClient platform = new MqttClient(TestServices.mqttUrl(), "platform-" + band, new MemoryPersistence());
        platform.connect();
        try {
            platform.publish(Topics.downlink(band, type), payload, 1, false);
        } finally {
            platform.disconnect();
            platform.close();
        }
    }
}
