package org.shouhu.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.geofence.Scenario.CHILD;
import static org.shouhu.geofence.Scenario.at;
import static org.shouhu.geofence.Scenario.fix;
import static org.shouhu.geofence.Scenario.only;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Zones added, replaced and removed while the engine evaluates: each change applies whole, and nothing stops. */
class ZoneChangesAtRunTimeTest {

    private static final Rule DANGER = new Rule.EnteredDanger("danger", Set.of(), Schedule.ALWAYS, Set.of(),
            Set.of("grandma"));

    private final GeofenceEngine engine = Scenario.engine(new InMemoryGeofenceStateStore(),
            new GeofenceEngineScenarioTest.MutableClock(at("2026-11-23T07:00:00")));

    ZoneChangesAtRunTimeTest() {
        engine.putRules(List.of(DANGER));
    }

    private static Zone pond(String id, double north, double east) {
        return new Zone(id, "pond", ZoneKind.DANGER, DangerKind.WATER, Set.of(),
                new ZoneShape.Circle(Scenario.LAT + north * Scenario.M_LAT, Scenario.LON + east * Scenario.M_LON, 40),
                Zone.DEFAULT_TIME_ZONE);
    }

    @Test
    void a_danger_zone_added_at_run_time_warns_on_the_next_fix() {
        Instant t = at("2026-11-23T17:00:00");
        assertThat(engine.onFix(CHILD, fix(t, -300, -300, 8), false)).isEmpty();
        engine.putZones(List.of(pond("pond-1", -300, -300)));
        assertThat(only(engine.onFix(CHILD, fix(t.plusSeconds(10), -300, -300, 8), false),
                GeofenceEvent.EnteredDangerZone.class)).singleElement()
                .satisfies(e -> assertThat(e.zoneId()).isEqualTo("pond-1"));
    }

    @Test
    void a_replaced_zone_is_tested_with_its_new_shape() {
        engine.putZones(List.of(pond("pond-1", -300, -300)));
        engine.putZones(List.of(pond("pond-1", -900, -900))); // redrawn elsewhere
        Instant t = at("2026-11-23T17:00:00");
        assertThat(engine.onFix(CHILD, fix(t, -300, -300, 8), false)).isEmpty();
        assertThat(only(engine.onFix(CHILD, fix(t.plusSeconds(10), -900, -900, 8), false),
                GeofenceEvent.EnteredDangerZone.class)).hasSize(1);
        assertThat(engine.zone("pond-1").orElseThrow().shape()).isEqualTo(pond("pond-1", -900, -900).shape());
    }

    @Test
    void geojson_out_and_back_in_gives_the_same_zones() {
        engine.putZones(List.of(pond("pond-1", -300, -300)));
        String json = engine.zonesGeoJson();
        GeofenceEngine other = new GeofenceEngine(java.time.Clock.systemUTC(), EngineSettings.DEFAULT,
                new InMemoryGeofenceStateStore());
        other.putZones(json);
        assertThat(other.zones()).extracting(Zone::id).containsExactlyElementsOf(
                engine.zones().stream().map(Zone::id).toList());
        assertThat(other.zonesGeoJson()).isEqualTo(json);
    }

    @Test
    void evaluation_continues_while_zones_change() throws Exception {
        AtomicBoolean changing = new AtomicBoolean(true);
        CompletableFuture<Integer> evaluator = CompletableFuture.supplyAsync(() -> {
            int evaluated = 0;
            Instant t = at("2026-11-23T17:00:00");
            while (changing.get() || evaluated < 100) {
                // alternately at the pond and far from it
                double offset = evaluated % 20 < 10 ? -300 : -2000;
                engine.onFix(CHILD, fix(t.plusSeconds(5L * evaluated), offset, offset, 8), false);
                evaluated++;
            }
            return evaluated;
        });
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            engine.putZones(List.of(pond("pond-" + i, -300, -300 - i)));
            changes.add("pond-" + i);
            if (i % 3 == 0) {
                assertThat(engine.removeZone("pond-" + i)).isTrue();
                changes.remove("pond-" + i);
            }
        }
        changing.set(false);
        assertThat(evaluator.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(100);
        assertThat(engine.zones()).extracting(Zone::id).containsAll(changes)
                .doesNotContain("pond-0", "pond-3", "pond-39");
    }

    @Test
    void a_zone_changed_among_thousands_applies_at_once_and_answers_the_same_once_folded() throws Exception {
        List<Zone> many = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) { // a grid of ponds 100 m apart, south of the school
            many.add(pond("many-" + i, -2_000 - 100 * (i / 60), -3_000 + 100 * (i % 60)));
        }
        engine.putZones(many);
        awaitFold();
        Instant t = at("2026-11-23T17:00:00");
        assertThat(engine.onFix(CHILD, fix(t, -300, -300, 8), false)).isEmpty();
        engine.putZones(List.of(pond("pond-1", -300, -300))); // one more among thousands
        assertThat(only(engine.onFix(CHILD, fix(t.plusSeconds(10), -300, -300, 8), false),
                GeofenceEvent.EnteredDangerZone.class)).singleElement()
                .satisfies(e -> assertThat(e.zoneId()).isEqualTo("pond-1"));
        assertThat(engine.removeZone("many-0")).isTrue();
        awaitFold();
        // after the fold: the pond is still there (no new event while inside), the removed one is gone
        assertThat(engine.onFix(CHILD, fix(t.plusSeconds(20), -300, -300, 8), false)).isEmpty();
        assertThat(engine.onFix(CHILD, fix(t.plusSeconds(30), -2_000, -3_000, 8), false)).isEmpty();
        assertThat(only(engine.onFix(CHILD, fix(t.plusSeconds(40), -2_000, -2_900, 8), false),
                GeofenceEvent.EnteredDangerZone.class)).singleElement()
                .satisfies(e -> assertThat(e.zoneId()).isEqualTo("many-1"));
    }

    private void awaitFold() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (engine.zonesAwaitingFold() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(engine.zonesAwaitingFold()).isZero();
    }
}
