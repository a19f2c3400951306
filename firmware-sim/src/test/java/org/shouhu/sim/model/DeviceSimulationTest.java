package org.shouhu.sim.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.PositionBatch;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.StatusReport;
import org.shouhu.sim.region.GeoPoint;

class DeviceSimulationTest {

    private static final Instant MONDAY_0600 = Bands.local("2026-03-02T06:00:00");

    @Test
    void same_seed_gives_the_same_messages() {
        List<Emission> first = new DeviceSimulation(Bands.child(3), 99, MONDAY_0600, List.of())
                .advanceTo(MONDAY_0600.plus(Duration.ofHours(30)));
        List<Emission> second = new DeviceSimulation(Bands.child(3), 99, MONDAY_0600, List.of())
                .advanceTo(MONDAY_0600.plus(Duration.ofHours(30)));

        assertThat(first).hasSizeGreaterThan(300).isEqualTo(second);
    }

    @Test
    void another_seed_gives_other_messages() {
        List<Emission> first = new DeviceSimulation(Bands.child(3), 99, MONDAY_0600, List.of())
                .advanceTo(MONDAY_0600.plus(Duration.ofHours(3)));
        List<Emission> other = new DeviceSimulation(Bands.child(3), 100, MONDAY_0600, List.of())
                .advanceTo(MONDAY_0600.plus(Duration.ofHours(3)));

        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void messages_do_not_depend_on_how_time_is_sliced() {
        Instant end = MONDAY_0600.plus(Duration.ofHours(14));
        List<ScheduledIntervention> script = List.of(
                new ScheduledIntervention(MONDAY_0600.plus(Duration.ofHours(2)), new Intervention.PressSos(true)),
                new ScheduledIntervention(MONDAY_0600.plus(Duration.ofHours(3)), new Intervention.GoOffline(Duration.ofMinutes(40))));
        List<Emission> once = new DeviceSimulation(Bands.child(5), 1, MONDAY_0600, script).advanceTo(end);

        DeviceSimulation sliced = new DeviceSimulation(Bands.child(5), 1, MONDAY_0600, script);
        List<Emission> stepped = new ArrayList<>();
        for (Instant t = MONDAY_0600; t.isBefore(end); t = t.plusSeconds(7)) {
            stepped.addAll(sliced.advanceTo(t));
        }
        stepped.addAll(sliced.advanceTo(end));

        assertThat(stepped).isEqualTo(once);
    }

    @Test
    void sequences_increase_by_one_per_message() {
        List<Emission> emissions = new DeviceSimulation(Bands.child(1), 4, MONDAY_0600, List.of())
                .advanceTo(MONDAY_0600.plus(Duration.ofHours(12)));

        for (int i = 1; i < emissions.size(); i++) {
            assertThat(emissions.get(i).message().sequence())
                    .isEqualTo(emissions.get(i - 1).message().sequence() + 1);
        }
    }

    @Test
    void offline_gap_produces_a_late_out_of_order_position_batch() {
        Instant offline = MONDAY_0600.plus(Duration.ofHours(4));
        DeviceSimulation band = new DeviceSimulation(Bands.child(2), 8, MONDAY_0600,
                List.of(new ScheduledIntervention(offline, new Intervention.GoOffline(Duration.ofHours(1)))));

        List<Emission> emissions = band.advanceTo(offline.plus(Duration.ofHours(2)));

        assertThat(emissions).noneMatch(e -> e.at().isAfter(offline) && e.at().isBefore(offline.plus(Duration.ofHours(1))));
        int batchAt = indexOfFirst(emissions, PositionBatch.class);
        PositionBatch batch = (PositionBatch) emissions.get(batchAt).message();
        Emission live = emissions.get(batchAt - 1);
        assertThat(live.message()).isInstanceOf(PositionReport.class);
        assertThat(batch.positions()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(batch.positions()).allSatisfy(p -> {
            assertThat(p.sequence()).isLessThan(live.message().sequence());
            assertThat(p.fix().time()).isBetween(offline, offline.plus(Duration.ofHours(1)));
        });
        assertThat(emissions.get(batchAt).at()).isAfterOrEqualTo(offline.plus(Duration.ofHours(1)));
        assertThat(batch.sequence()).isGreaterThan(live.message().sequence());
    }

    @Test
    void a_dropped_connection_holds_the_fixes_and_sends_them_at_the_reconnect_as_a_late_batch() {
        Instant lost = MONDAY_0600.plus(Duration.ofHours(4));
        Instant restored = lost.plus(Duration.ofMinutes(25));
        DeviceSimulation band = new DeviceSimulation(Bands.child(2), 8, MONDAY_0600, List.of());
        band.advanceTo(lost);

        band.linkLost(lost);
        assertThat(band.advanceTo(restored)).as("nothing is sent while the connection is down").isEmpty();
        band.linkRestored(restored);
        assertThat(band.nextEventAt()).as("the band reports as soon as it is back").isEqualTo(restored);
        List<Emission> emissions = band.advanceTo(restored);

        assertThat(emissions).extracting(e -> (Object) e.message().getClass())
                .startsWith(PositionReport.class, PositionBatch.class);
        assertThat(emissions).allMatch(e -> e.at().equals(restored));
        PositionBatch batch = (PositionBatch) emissions.get(1).message();
        assertThat(batch.positions()).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(p -> assertThat(p.fix().time()).isBetween(lost, restored));
        assertThat(band.advanceTo(restored.plus(Duration.ofMinutes(30))))
                .as("reports go on after the reconnect").isNotEmpty();
    }

    @Test
    void scripted_sos_during_a_gap_is_held_and_sent_first_on_reconnect() {
        Instant offline = MONDAY_0600.plus(Duration.ofHours(4));
        Instant press = offline.plus(Duration.ofMinutes(10));
        DeviceSimulation band = new DeviceSimulation(Bands.child(2), 8, MONDAY_0600, List.of(
                new ScheduledIntervention(offline, new Intervention.GoOffline(Duration.ofMinutes(30))),
                new ScheduledIntervention(press, new Intervention.PressSos(true))));

        List<Emission> emissions = band.advanceTo(offline.plus(Duration.ofHours(1)));

        int sosAt = indexOfFirst(emissions, SosPress.class);
        SosPress sos = (SosPress) emissions.get(sosAt).message();
        assertThat(emissions.get(sosAt).at()).isAfterOrEqualTo(offline.plus(Duration.ofMinutes(30)));
        assertThat(sos.pressedAt()).isEqualTo(press.plus(band.clockSkew()));
        assertThat(emissions.get(sosAt + 1).message()).isInstanceOf(PositionReport.class);
    }

    @Test
    void reports_every_minute_while_walking_and_every_five_minutes_while_still() {
        List<Emission> emissions = new DeviceSimulation(Bands.child(0), 2, MONDAY_0600, List.of())
                .advanceTo(MONDAY_0600.plus(Duration.ofHours(4)));
        List<Duration> gaps = new ArrayList<>();
        List<Emission> live = emissions.stream().filter(e -> e.message() instanceof PositionReport).toList();
        for (int i = 1; i < live.size(); i++) {
            gaps.add(Duration.between(live.get(i - 1).at(), live.get(i).at()));
        }

        assertThat(gaps).contains(Duration.ofMinutes(1), Duration.ofMinutes(5));
        assertThat(gaps).allSatisfy(g -> assertThat(g).isIn(Duration.ofMinutes(1), Duration.ofMinutes(5)));
    }

    @Test
    void sos_switches_the_band_to_ten_second_reports_for_ten_minutes() {
        Instant press = Bands.local("2026-03-02T03:00:00");
        List<Emission> emissions = new DeviceSimulation(Bands.child(0), 2, MONDAY_0600.minus(Duration.ofHours(4)),
                List.of(new ScheduledIntervention(press, new Intervention.PressSos(false))))
                .advanceTo(press.plus(Duration.ofMinutes(30)));

        long fast = emissions.stream().filter(e -> e.message() instanceof PositionReport)
                .filter(e -> !e.at().isBefore(press) && e.at().isBefore(press.plus(Duration.ofMinutes(10)))).count();
        assertThat(fast).isBetween(59L, 61L);
        SosPress sos = (SosPress) emissions.get(indexOfFirst(emissions, SosPress.class)).message();
        assertThat(sos.fix().hasPosition()).isFalse();
    }

    @Test
    void a_removed_band_reports_not_worn_and_stays_where_it_was_left() {
        Instant off = Bands.local("2026-03-02T10:00:00");
        List<Emission> emissions = new DeviceSimulation(Bands.child(4), 3, MONDAY_0600,
                List.of(new ScheduledIntervention(off, new Intervention.RemoveBand(Duration.ofHours(2)))))
                .advanceTo(off.plus(Duration.ofHours(3)));

        List<StatusReport> statuses = emissions.stream().map(Emission::message)
                .filter(StatusReport.class::isInstance).map(StatusReport.class::cast).toList();
        assertThat(statuses).anyMatch(s -> !s.worn());
        assertThat(statuses.get(statuses.size() - 1).worn()).isTrue();
    }

    @Test
    void entering_the_danger_spot_takes_the_child_to_the_river() {
        DeviceProfile child = Bands.child(6);
        Instant start = Bands.local("2026-03-02T17:30:00");
        List<Emission> emissions = new DeviceSimulation(child, 3, start,
                List.of(new ScheduledIntervention(start, new Intervention.EnterDangerSpot(Duration.ofHours(3)))))
                .advanceTo(start.plus(Duration.ofHours(4)));

        assertThat(Bands.positions(emissions)).anyMatch(p -> p.fix().source() == FixSource.GNSS
                && child.dangerSpot().distanceMetres(new GeoPoint(p.fix().latitude(), p.fix().longitude())) < 150);
    }

    @Test
    void fixes_degrade_to_cell_towers_and_no_position_but_stay_valid() {
        List<PositionReport> reports = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reports.addAll(Bands.positions(new DeviceSimulation(Bands.child(i), 5, MONDAY_0600, List.of())
                    .advanceTo(MONDAY_0600.plus(Duration.ofHours(12)))));
        }

        assertThat(reports).anyMatch(p -> p.fix().source() == FixSource.CELL && p.fix().accuracyMetres() >= 400);
        assertThat(reports).anyMatch(p -> p.fix().source() == FixSource.GNSS && p.fix().accuracyMetres() < 15);
        assertThat(reports).anyMatch(p -> p.fix().source() == FixSource.GNSS && p.fix().accuracyMetres() > 40);
    }

    @Test
    void batteries_run_low_on_nights_without_charging_and_say_so() {
        List<StatusReport> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            new DeviceSimulation(Bands.child(i), 5, MONDAY_0600, List.of())
                    .advanceTo(MONDAY_0600.plus(Duration.ofDays(4))).stream()
                    .filter(e -> e.message() instanceof StatusReport)
                    .forEach(e -> statuses.add((StatusReport) e.message()));
        }

        assertThat(statuses).anyMatch(s -> s.batteryPercent() <= 20 && !s.charging());
        assertThat(statuses).anyMatch(StatusReport::charging);
    }

    @Test
    void some_bands_have_skewed_clocks() {
        long skewed = java.util.stream.IntStream.range(0, 200)
                .filter(i -> !new DeviceSimulation(Bands.child(i), 5, MONDAY_0600, List.of()).clockSkew().isZero())
                .count();

        assertThat(skewed).isBetween(10L, 60L);
    }

    @Test
    void refuses_a_press_before_the_time_already_simulated() {
        DeviceSimulation band = new DeviceSimulation(Bands.child(0), 1, MONDAY_0600, List.of());
        band.advanceTo(MONDAY_0600.plus(Duration.ofHours(1)));

        assertThrows(IllegalArgumentException.class, () -> band.pressSos(MONDAY_0600, true));
    }

    private static int indexOfFirst(List<Emission> emissions, Class<?> type) {
        for (int i = 0; i < emissions.size(); i++) {
            if (type.isInstance(emissions.get(i).message())) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among " + emissions.size() + " emissions");
    }
}
