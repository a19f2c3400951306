package org.shouhu.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.geofence.Scenario.CHILD;
import static org.shouhu.geofence.Scenario.at;
import static org.shouhu.geofence.Scenario.fix;
import static org.shouhu.geofence.Scenario.only;
import static org.shouhu.geofence.Scenario.stay;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.protocol.Fix;

class GeofenceEngineScenarioTest {

    private static final Schedule SCHOOL_HOURS = Schedule.weekdays(
            new DailyWindow(LocalTime.of(7, 30), LocalTime.of(16, 30)));
    private static final Rule LEFT_SCHOOL = new Rule.LeftZone("left-school", "school-1", SCHOOL_HOURS, Set.of(),
            Set.of("grandma"));
    private static final Rule RIVER_WARNING = new Rule.EnteredDanger("river-warning", Set.of(DangerKind.WATER),
            Schedule.ALWAYS, Set.of(CHILD), Set.of("grandma", "village-committee"));
    /** Monday 2026-11-23 is a school day; Tuesday 2026-11-24 is declared a holiday. */
    private static final Rule AT_SCHOOL_BY_0830 = new Rule.MissedArrival("at-school", "school-1", LocalTime.of(6, 0),
            LocalTime.of(8, 30), Schedule.weekdays().withHolidays(Set.of(LocalDate.of(2026, 11, 24))), Set.of(CHILD),
            Set.of("grandma"));

    private final MutableClock clock = new MutableClock(at("2026-11-23T07:00:00"));
    private final InMemoryGeofenceStateStore store = new InMemoryGeofenceStateStore();
    private final GeofenceEngine engine = Scenario.engine(store, clock);

    GeofenceEngineScenarioTest() {
        engine.putRules(List.of(LEFT_SCHOOL, RIVER_WARNING, AT_SCHOOL_BY_0830));
    }

    private void settleAtSchool(Instant start) {
        stay(engine, start, 6, 20, 0, 0);
        assertThat(engine.deviceState(CHILD).orElseThrow().memberships().get("school-1").confirmed())
                .isEqualTo(Presence.INSIDE);
    }

    @Test
    void jitter_at_school_boundary_produces_one_exit_not_ten() {
        settleAtSchool(at("2026-11-23T08:00:00"));
        List<GeofenceEvent> events = new ArrayList<>();
        Instant t = at("2026-11-23T10:00:00");
        for (int i = 0; i < 20; i++) { // standing at the north gate: fixes 8 m either side of the fence
            events.addAll(engine.onFix(CHILD, fix(t.plusSeconds(10L * i), i % 2 == 0 ? 108 : 92, 0, 5), false));
        }
        events.addAll(stay(engine, t.plusSeconds(300), 10, 15, 250, 0)); // then walks away
        assertThat(only(events, GeofenceEvent.LeftZone.class)).hasSize(1)
                .allSatisfy(e -> assertThat(e.fix().time()).isAfter(t.plusSeconds(300)));
    }

    @Test
    void jitter_without_debounce_would_flap() {
        GeofenceEngine eager = new GeofenceEngine(clock, EngineSettings.DEFAULT.with(ZoneKind.SCHOOL,
                new ZonePolicy(DebouncePolicy.IMMEDIATE, DebouncePolicy.IMMEDIATE, AccuracyBias.STRICT)), store);
        eager.putZones(List.of(Scenario.SCHOOL));
        eager.putRules(List.of(LEFT_SCHOOL));
        List<GeofenceEvent> events = new ArrayList<>();
        Instant t = at("2026-11-23T10:00:00");
        for (int i = 0; i < 20; i++) {
            events.addAll(eager.onFix(CHILD, fix(t.plusSeconds(10L * i), i % 2 == 0 ? 92 : 108, 0, 5), false));
        }
        assertThat(only(events, GeofenceEvent.LeftZone.class)).hasSize(10);
    }

    @Test
    void cell_tower_fix_with_1500m_accuracy_produces_no_transition() {
        settleAtSchool(at("2026-11-23T08:00:00"));
        List<GeofenceEvent> events = new ArrayList<>();
        Instant t = at("2026-11-23T10:00:00");
        for (int i = 0; i < 10; i++) { // cell fixes 600 m away, near the river, over ten minutes
            events.addAll(engine.onFix(CHILD, Scenario.cellFix(t.plusSeconds(60L * i), 500, 100, 1500), false));
        }
        assertThat(events).isEmpty();
        assertThat(engine.deviceState(CHILD).orElseThrow().memberships().get("school-1").confirmed())
                .isEqualTo(Presence.INSIDE);
    }

    @Test
    void accurate_fixes_leaving_school_do_alert() {
        settleAtSchool(at("2026-11-23T08:00:00"));
        List<GeofenceEvent> events = stay(engine, at("2026-11-23T10:00:00"), 5, 20, 300, 0);
        assertThat(only(events, GeofenceEvent.LeftZone.class)).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo("left-school");
            assertThat(e.guardians()).containsExactly("grandma");
            assertThat(e.late()).isFalse();
        });
    }

    @Test
    void leaving_school_after_school_hours_does_not_alert() {
        settleAtSchool(at("2026-11-23T15:00:00"));
        List<GeofenceEvent> events = stay(engine, at("2026-11-23T17:00:00"), 5, 20, 300, 0);
        assertThat(only(events, GeofenceEvent.LeftZone.class)).isEmpty();
    }

    @Test
    void offline_batch_uploaded_an_hour_late_produces_no_spurious_live_alert() {
        settleAtSchool(at("2026-11-23T09:00:00"));
        List<Fix> buffered = new ArrayList<>();
        Instant t = at("2026-11-23T09:10:00");
        for (int i = 0; i < 50; i++) { // out of school from 09:20 to 09:45, back inside by 09:50
            Instant time = t.plusSeconds(60L * i);
            boolean out = i >= 10 && i < 35;
            buffered.add(fix(time, out ? 300 : 0, 0, 8));
        }
        clock.set(at("2026-11-23T11:00:00"));
        List<GeofenceEvent> events = engine.onFixes(CHILD, buffered);
        assertThat(events).isEmpty();
        assertThat(engine.deviceState(CHILD).orElseThrow().memberships().get("school-1").confirmed())
                .isEqualTo(Presence.INSIDE);
    }

    @Test
    void late_fixes_older_than_a_newer_fix_never_raise_a_transition() {
        settleAtSchool(at("2026-11-23T09:00:00"));
        stay(engine, at("2026-11-23T10:30:00"), 3, 20, 0, 0); // live: still at school at 10:30
        List<GeofenceEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // buffered fixes from 10:00 outside, uploaded after
            events.addAll(engine.onFix(CHILD, fix(at("2026-11-23T10:00:00").plusSeconds(30L * i), 400, 0, 8), true));
        }
        assertThat(events).isEmpty();
    }

    @Test
    void offline_batch_ending_outside_raises_one_late_alert() {
        settleAtSchool(at("2026-11-23T09:00:00"));
        List<Fix> buffered = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            buffered.add(fix(at("2026-11-23T09:10:00").plusSeconds(60L * i), i < 10 ? 0 : 300, 0, 8));
        }
        List<GeofenceEvent> events = engine.onFixes(CHILD, buffered);
        assertThat(only(events, GeofenceEvent.LeftZone.class)).singleElement()
                .satisfies(e -> assertThat(e.late()).isTrue());
    }

    @Test
    void missed_arrival_at_0830_alerts_on_a_school_day_once() {
        assertThat(engine.onTick(at("2026-11-23T08:29:00"))).isEmpty();
        List<GeofenceEvent> events = engine.onTick(at("2026-11-23T08:31:00"));
        assertThat(events).singleElement().isInstanceOfSatisfying(GeofenceEvent.MissedArrival.class, e -> {
            assertThat(e.device()).isEqualTo(CHILD);
            assertThat(e.day()).isEqualTo(LocalDate.of(2026, 11, 23));
            assertThat(e.at()).isEqualTo(at("2026-11-23T08:30:00"));
        });
        assertThat(engine.onTick(at("2026-11-23T08:35:00"))).isEmpty();
    }

    @Test
    void missed_arrival_of_a_device_left_out_of_a_check_is_decided_by_the_check_that_includes_it() {
        assertThat(engine.onTick(at("2026-11-23T08:31:00"), device -> !device.equals(CHILD))).isEmpty();
        assertThat(engine.deviceState(CHILD).map(s -> s.deadlinesDone().get("at-school"))).isEmpty();
        assertThat(engine.onTick(at("2026-11-23T08:32:00"), device -> device.equals(CHILD))).singleElement()
                .isInstanceOfSatisfying(GeofenceEvent.MissedArrival.class,
                        e -> assertThat(e.at()).isEqualTo(at("2026-11-23T08:30:00")));
    }

    @Test
    void missed_arrival_does_not_alert_on_a_holiday() {
        assertThat(engine.onTick(at("2026-11-24T08:31:00"))).isEmpty();
        assertThat(engine.onTick(at("2026-11-24T09:30:00"))).isEmpty();
    }

    @Test
    void arrival_before_the_deadline_does_not_alert() {
        settleAtSchool(at("2026-11-25T07:50:00"));
        assertThat(engine.onTick(at("2026-11-25T08:31:00"))).isEmpty();
    }

    @Test
    void arrival_known_only_from_a_late_fix_still_counts() {
        stay(engine, at("2026-11-25T08:20:00"), 3, 20, 0, 3000); // live fixes far away after 08:20
        engine.onFix(CHILD, fix(at("2026-11-25T08:05:00"), 0, 0, 8), true); // a buffered fix at school at 08:05
        assertThat(engine.onTick(at("2026-11-25T08:31:00"))).isEmpty();
    }

    @Test
    void crossing_a_river_corridor_between_two_fixes_200m_apart_is_caught() {
        List<GeofenceEvent> events = new ArrayList<>();
        events.addAll(engine.onFix(CHILD, fix(at("2026-11-23T17:00:00"), 400, 0, 10), false));
        events.addAll(engine.onFix(CHILD, fix(at("2026-11-23T17:01:00"), 600, 0, 10), false));
        assertThat(only(events, GeofenceEvent.EnteredDangerZone.class)).singleElement().satisfies(e -> {
            assertThat(e.crossedBetweenFixes()).isTrue();
            assertThat(e.zoneId()).isEqualTo("river-1");
            assertThat(e.dangerKind()).isEqualTo(DangerKind.WATER);
            assertThat(e.guardians()).containsExactlyInAnyOrder("grandma", "village-committee");
        });
    }

    @Test
    void fixes_up_to_the_crossing_gap_apart_are_joined_and_no_further() {
        Instant start = at("2026-11-23T17:00:00");
        engine.onFix(CHILD, fix(start, 400, 0, 10), false);
        List<GeofenceEvent> atTheGap = engine.onFix(CHILD, fix(start.plusSeconds(300), 600, 0, 10), false);
        assertThat(only(atTheGap, GeofenceEvent.EnteredDangerZone.class)).singleElement()
                .satisfies(e -> assertThat(e.crossedBetweenFixes()).isTrue());

        Instant later = at("2026-11-23T18:00:00");
        engine.onFix(CHILD, fix(later, 400, 0, 10), false);
        List<GeofenceEvent> pastTheGap = engine.onFix(CHILD, fix(later.plusSeconds(300).plusNanos(1), 600, 0, 10),
                false);
        assertThat(only(pastTheGap, GeofenceEvent.EnteredDangerZone.class)).isEmpty();
    }

    @Test
    void a_restarted_engine_joins_the_next_fix_to_the_last_one_saved() {
        engine.onFix(CHILD, fix(at("2026-11-23T17:00:00"), 400, 0, 10), false);
        GeofenceEngine restarted = Scenario.engine(store, clock);
        restarted.putRules(List.of(LEFT_SCHOOL, RIVER_WARNING, AT_SCHOOL_BY_0830));
        List<GeofenceEvent> events = restarted.onFix(CHILD, fix(at("2026-11-23T17:01:00"), 600, 0, 10), false);
        assertThat(only(events, GeofenceEvent.EnteredDangerZone.class)).singleElement()
                .satisfies(e -> assertThat(e.crossedBetweenFixes()).isTrue());
        // a fix no newer than the last one saved only completes the history
        assertThat(restarted.onFix(CHILD, fix(at("2026-11-23T17:01:00"), 400, 0, 10), false)).isEmpty();
    }

    @Test
    void a_position_glitch_across_the_river_is_not_a_crossing() {
        List<GeofenceEvent> events = new ArrayList<>();
        events.addAll(engine.onFix(CHILD, fix(at("2026-11-23T17:00:00"), 400, 0, 10), false));
        events.addAll(engine.onFix(CHILD, fix(at("2026-11-23T17:01:00"), 20_000, 0, 10), false)); // 20 km in 60 s
        assertThat(only(events, GeofenceEvent.EnteredDangerZone.class)).isEmpty();
    }

    @Test
    void walking_along_the_river_without_crossing_is_not_an_alert() {
        List<GeofenceEvent> events = new ArrayList<>();
        events.addAll(engine.onFix(CHILD, fix(at("2026-11-23T17:00:00"), 400, 0, 10), false));
        events.addAll(engine.onFix(CHILD, fix(at("2026-11-23T17:01:00"), 420, 200, 10), false));
        assertThat(events).isEmpty();
    }

    @Test
    void a_fix_possibly_in_the_river_warns_at_once() {
        List<GeofenceEvent> events = engine.onFix(CHILD, fix(at("2026-11-23T17:00:00"), 480, 0, 30), false);
        assertThat(only(events, GeofenceEvent.EnteredDangerZone.class)).singleElement()
                .satisfies(e -> assertThat(e.crossedBetweenFixes()).isFalse());
    }

    @Test
    void state_is_the_same_after_a_restart_and_alerts_are_neither_repeated_nor_missed() {
        settleAtSchool(at("2026-11-23T08:00:00"));
        assertThat(engine.onTick(at("2026-11-23T08:31:00"))).isEmpty();
        List<GeofenceEvent> before = stay(engine, at("2026-11-23T10:00:00"), 2, 20, 300, 0); // pending exit
        assertThat(before).isEmpty();
        DeviceGeofenceState saved = engine.deviceState(CHILD).orElseThrow();

        GeofenceEngine restarted = Scenario.engine(store, clock);
        restarted.putRules(List.of(LEFT_SCHOOL, RIVER_WARNING, AT_SCHOOL_BY_0830));
        assertThat(restarted.deviceState(CHILD)).contains(saved);

        List<GeofenceEvent> after = new ArrayList<>(restarted.onFix(CHILD,
                fix(at("2026-11-23T10:01:00"), 300, 0, 8), false));
        after.addAll(restarted.onFix(CHILD, fix(at("2026-11-23T10:01:20"), 300, 0, 8), false));
        assertThat(only(after, GeofenceEvent.LeftZone.class)).hasSize(1); // the pending exit completes, once
        assertThat(restarted.onTick(at("2026-11-23T08:45:00"))).isEmpty(); // the deadline was decided before
    }

    @Test
    void a_zone_serving_other_children_is_ignored() {
        GeofenceEngine other = Scenario.engine(new InMemoryGeofenceStateStore(), clock);
        other.putRules(List.of(new Rule.ZoneActivity("home-activity", "home-1", Set.of(), Set.of("mum"))));
        List<GeofenceEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.addAll(other.onFix(Scenario.OTHER_CHILD, fix(at("2026-11-23T18:00:00").plusSeconds(30L * i),
                    0, 1000, 5), false));
        }
        assertThat(events).isEmpty();
    }

    @Test
    void informational_rule_reports_entering_and_leaving() {
        engine.putRules(List.of(new Rule.ZoneActivity("any", null, Set.of(), Set.of("mum"))));
        List<GeofenceEvent> events = new ArrayList<>(stay(engine, at("2026-11-23T18:00:00"), 4, 30, 0, 1000));
        events.addAll(stay(engine, at("2026-11-23T19:00:00"), 4, 30, 0, 1500));
        assertThat(events).extracting(GeofenceEvent::kind)
                .containsExactly(EventKind.ENTERED_ZONE, EventKind.EXITED_ZONE);
    }

    @Test
    void curfew_alerts_when_not_home_and_not_when_home() {
        engine.putRules(List.of(new Rule.Curfew("home-by-8", "home-1", LocalTime.of(20, 0),
                new Schedule(EnumSet.allOf(DayOfWeek.class), List.of(), Set.of(), Set.of()), Set.of(),
                Set.of("grandma"))));
        assertThat(only(engine.onTick(at("2026-11-23T20:00:30")), GeofenceEvent.CurfewMissed.class)).hasSize(1);
        stay(engine, at("2026-11-24T19:00:00"), 4, 30, 0, 1000);
        assertThat(only(engine.onTick(at("2026-11-24T20:00:30")), GeofenceEvent.CurfewMissed.class)).isEmpty();
    }

    @Test
    void removing_a_zone_stops_its_alerts_without_a_restart() {
        settleAtSchool(at("2026-11-23T08:00:00"));
        assertThat(engine.removeZone("school-1")).isTrue();
        assertThat(stay(engine, at("2026-11-23T10:00:00"), 5, 20, 300, 0)).isEmpty();
        assertThat(engine.deviceState(CHILD).orElseThrow().memberships()).doesNotContainKey("school-1");
    }

    @Test
    void a_school_redrawn_while_the_child_is_inside_keeps_the_standing_and_decides_by_the_new_shape() {
        settleAtSchool(at("2026-11-23T08:00:00"));
        engine.putZones(List.of(TestZones.area("school-1", ZoneKind.SCHOOL, Scenario.square(Scenario.LAT,
                Scenario.LON, 300), CHILD, Scenario.OTHER_CHILD)));
        // 200 m north: outside the old square, inside the new one, so still at school
        assertThat(stay(engine, at("2026-11-23T10:00:00"), 5, 20, 200, 0)).isEmpty();
        assertThat(engine.deviceState(CHILD).orElseThrow().memberships().get("school-1").confirmed())
                .isEqualTo(Presence.INSIDE);
        assertThat(only(stay(engine, at("2026-11-23T10:10:00"), 5, 20, 400, 0), GeofenceEvent.LeftZone.class))
                .hasSize(1);
    }

    @Test
    void a_school_that_stops_serving_the_child_forgets_the_standing_without_an_alert() {
        settleAtSchool(at("2026-11-23T08:00:00"));
        engine.putZones(List.of(TestZones.area("school-1", ZoneKind.SCHOOL, Scenario.square(Scenario.LAT,
                Scenario.LON, 100), Scenario.OTHER_CHILD)));
        assertThat(stay(engine, at("2026-11-23T10:00:00"), 5, 20, 300, 0)).isEmpty();
        assertThat(engine.deviceState(CHILD).orElseThrow().memberships()).doesNotContainKey("school-1");
        // serving the child again, the school is entered afresh
        engine.putZones(List.of(Scenario.SCHOOL));
        engine.putRules(List.of(new Rule.ZoneActivity("school-activity", "school-1", Set.of(), Set.of("mum"))));
        assertThat(only(stay(engine, at("2026-11-23T10:10:00"), 5, 20, 0, 0), GeofenceEvent.EnteredZone.class))
                .hasSize(1);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
