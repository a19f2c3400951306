package org.shouhu.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneShape;

/** The grid's accuracy-aware answers agree with exact per-zone metric tests, for small and large radii. */
class ZoneIndexProximityTest {

    @Test
    void near_queries_agree_with_exact_metric_tests() {
        Random random = new Random(7);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double lat = 26.5 + random.nextDouble() * 0.1;
            double lon = 106.6 + random.nextDouble() * 0.1;
            zones.add(new Zone("z" + i, "", ZoneKind.HOME, null, Set.of(),
                    new ZoneShape.Circle(lat, lon, 30 + random.nextDouble() * 400), Zone.DEFAULT_TIME_ZONE));
        }
        ZoneIndex index = new ZoneIndex(zones, GridSettings.DEFAULT);
        List<ZoneMetrics> metrics = zones.stream().map(z -> new ZoneMetrics(z.area())).toList();
        int decided = 0;
        for (int i = 0; i < 4_000; i++) {
            double lat = 26.49 + random.nextDouble() * 0.12;
            double lon = 106.59 + random.nextDouble() * 0.12;
            double radius = i % 4 == 0 ? 200 + random.nextDouble() * 1500 : random.nextDouble() * 50;
            Map<String, Boolean> found = new HashMap<>();
            index.forEachNear(lat, lon, radius, (zone, inside) -> found.put(zone.id(), inside));
            Map<String, Boolean> expected = new HashMap<>();
            for (int z = 0; z < zones.size(); z++) {
                ZoneMetrics m = metrics.get(z);
                boolean covers = m.covers(lon, lat);
                double d = m.distanceToBoundary(lon, lat, 0);
                if (covers) {
                    expected.put(zones.get(z).id(), d >= radius);
                } else if (d <= radius) {
                    expected.put(zones.get(z).id(), false);
                }
            }
            assertThat(found).as("at %s, %s radius %s", lat, lon, radius).isEqualTo(expected);
            decided += expected.size();
        }
        assertThat(decided).isGreaterThan(500); // the random points do land in and near zones
    }
}
