package org.shouhu.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.geofence.Scenario.CHILD;
import static org.shouhu.geofence.Scenario.at;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;

/**
 * A fix too coarse for "possibly inside" (a cell fix) is decided from the zones wholly containing its circle and the
 * zones the device stands in, not from every zone it touches. With every kind strict, that must decide exactly as
 * observing every touched zone does: two engines, one taking the coarse path for such fixes and one never, see the
 * same walk and must raise the same events and end in the same state.
 */
class CoarseFixDecisionTest {

    private static final int[] ACCURACIES = {8, 30, 45, 80, 150, 400, 900, 1_500, 2_500};

    @Test
    void coarse_fixes_decide_as_observing_every_touched_zone() {
        ZonePolicy strictDanger = new ZonePolicy(ZonePolicy.DANGER.toInside(), ZonePolicy.DANGER.toOutside(),
                AccuracyBias.STRICT);
        EngineSettings strict = EngineSettings.DEFAULT.with(ZoneKind.DANGER, strictDanger);
        // the coarse path applies above possiblyInsideMaxAccuracy (100 m); raising it to 5 km turns the path off,
        // and with every kind strict the bias itself never applies
        EngineSettings never = new EngineSettings(strict.policies(), strict.maxAccuracyMetres(), 5_000,
                strict.crossingMaxGap(), strict.crossingMaxAccuracy(), strict.deadlineGrace());
        GeofenceEngine coarse = engine(strict);
        GeofenceEngine full = engine(never);
        Random random = new Random(23);
        Instant t = at("2026-11-23T08:00:00");
        int events = 0;
        for (int i = 0; i < 3_000; i++) {
            t = t.plusSeconds(20);
            // around the school and the home 1 km east, sometimes far
            double north = (random.nextDouble() - 0.5) * (i % 7 == 0 ? 4_000 : 600);
            double east = (i / 200 % 2 == 0 ? 0 : 1_000) + (random.nextDouble() - 0.5) * (i % 7 == 0 ? 4_000 : 600);
            int accuracy = ACCURACIES[random.nextInt(ACCURACIES.length)];
            Fix fix = new Fix(t, Scenario.LAT + north * Scenario.M_LAT, Scenario.LON + east * Scenario.M_LON, accuracy,
                    accuracy > 100 ? FixSource.CELL : FixSource.GNSS, 0, 0);
            List<GeofenceEvent> a = coarse.onFix(CHILD, fix, false);
            List<GeofenceEvent> b = full.onFix(CHILD, fix, false);
            assertThat(a).as("fix %d", i).containsExactlyInAnyOrderElementsOf(b);
            assertThat(coarse.deviceState(CHILD)).as("fix %d", i).isEqualTo(full.deviceState(CHILD));
            events += a.size();
        }
        assertThat(events).isGreaterThan(50);
    }

    private static GeofenceEngine engine(EngineSettings settings) {
        GeofenceEngine engine = new GeofenceEngine(Clock.systemUTC(), settings, new InMemoryGeofenceStateStore());
        List<Zone> zones = new ArrayList<>(List.of(Scenario.SCHOOL, Scenario.HOME, Scenario.RIVER));
        for (int k = 0; k < 40; k++) { // small homes and ponds scattered between them
            double north = (k % 8 - 4) * 150.0;
            double east = (k / 8) * 250.0 - 200;
            zones.add(k % 3 == 0
                    ? TestZones.circle("pond-" + k, ZoneKind.DANGER, Scenario.LAT + north * Scenario.M_LAT,
                            Scenario.LON + east * Scenario.M_LON, 25 + k)
                    : TestZones.circle("home-x" + k, ZoneKind.HOME, Scenario.LAT + north * Scenario.M_LAT,
                            Scenario.LON + east * Scenario.M_LON, 40 + 3 * k, CHILD));
        }
        engine.putZones(zones);
        engine.putRules(List.of(
                new Rule.EnteredDanger("danger", Set.of(), Schedule.ALWAYS, Set.of(), Set.of("guardian")),
                new Rule.ZoneActivity("activity", null, Set.of(), Set.of("guardian")),
                new Rule.LeftZone("left-school", Scenario.SCHOOL.id(), Schedule.ALWAYS, Set.of(), Set.of("teacher"))));
        return engine;
    }
}
