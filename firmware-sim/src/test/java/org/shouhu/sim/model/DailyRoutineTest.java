package org.shouhu.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DailyRoutineTest {

    @Test
    void weekday_child_sleeps_at_home_and_is_in_class_mid_morning() {
        DeviceProfile child = Bands.child(9);
        DailyRoutine routine = new DailyRoutine(child, 1);

        Whereabouts night = routine.at(Bands.local("2026-03-03T02:00:00"));
        Whereabouts morning = routine.at(Bands.local("2026-03-03T10:30:00"));

        assertThat(night.activity()).isEqualTo(Activity.AT_HOME);
        assertThat(night.position()).isEqualTo(child.home());
        assertThat(morning.activity()).isEqualTo(Activity.AT_SCHOOL);
        assertThat(morning.position()).isEqualTo(child.school());
    }

    @Test
    void the_walk_to_school_moves_at_walking_pace_towards_school() {
        DeviceProfile child = Bands.child(9);
        DailyRoutine routine = new DailyRoutine(child, 1);

        boolean sawWalking = false;
        for (int minute = 0; minute < 180; minute++) {
            Whereabouts w = routine.at(Bands.local("2026-03-03T06:30:00").plusSeconds(60L * minute));
            if (w.activity() == Activity.TRAVELLING) {
                sawWalking = true;
                assertThat(w.speedMps()).isBetween(1.0, 8.01);
            }
        }
        assertThat(sawWalking).isTrue();
    }

    @Test
    void routine_is_a_pure_function_of_time() {
        DailyRoutine routine = new DailyRoutine(Bands.child(2), 1);
        Whereabouts a = routine.at(Bands.local("2026-03-03T07:20:00"));
        routine.at(Bands.local("2026-03-07T07:20:00"));

        assertThat(routine.at(Bands.local("2026-03-03T07:20:00"))).isEqualTo(a);
    }
}
