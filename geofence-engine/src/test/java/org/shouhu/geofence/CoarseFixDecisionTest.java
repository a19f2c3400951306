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
 * A fix with a wide accuracy circle (Wi-Fi, cell) is decided from the zones wholly containing its circle, the danger
 * zones it touches and the zones the device stands in, not from every zone it touches. That must decide exactly as
 * observing every touched zone does: two engines, one taking that path and one never (a custom-zone policy reading
 * straddling as possibly inside turns it off; the world has no custom zones, so nothing else changes), see the same
 * walk with fixes of 8 m to 2.5 km and must raise the same events and end in the same state.
 */
class CoarseFixDecisionTest {

    private static final int[] ACCURACIES = {8, 30, 45, 50, 51, 80, 100, 101, 150, 400, 900, 1_500, 2_500};

    @Test
    void wide_circles_decide_as_observing_every_touched_zone() {
        EngineSettings usual = EngineSettings.DEFAULT;
        EngineSettings never = usual.with(ZoneKind.CUSTOM, new ZonePolicy(ZonePolicy.STEADY.toInside(),
                ZonePolicy.STEADY.toOutside(), AccuracyBias.POSSIBLY_INSIDE));
        GeofenceEngine coarse = engine(usual);
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
