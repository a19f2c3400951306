package org.shouhu.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneShape;

/**
 * Zones of every size from a house to a district, so that the index holds cells of the levels kept in blocks and of
 * the coarser, hashed levels, many of them across the edges of blocks: containment and accuracy circles within the
 * near radius agree with exact tests of every zone, at random points and just inside and outside each boundary.
 */
class ZoneIndexLevelsTest {

    @Test
    void zones_of_every_level_are_found_exactly() {
        Random random = new Random(11);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double lat = 26.5 + random.nextDouble() * 0.3;
            double lon = 106.6 + random.nextDouble() * 0.3;
            double radius = 20 * Math.pow(1_000, random.nextDouble()); // 20 m to 20 km
            zones.add(new Zone("z" + i, "", ZoneKind.HOME, null, Set.of(), new ZoneShape.Circle(lat, lon, radius),
                    Zone.DEFAULT_TIME_ZONE));
        }
        ZoneIndex index = new ZoneIndex(zones, GridSettings.DEFAULT);
        Grid grid = new Grid(GridSettings.DEFAULT);
        Set<Integer> levels = new HashSet<>();
        for (Zone zone : zones) {
            levels.add(CompiledZone.compile(zone, grid, GridSettings.DEFAULT).level);
        }
        assertThat(levels).as("levels in use").contains(0, 1, 2, 3, 4);

        List<ZoneMetrics> metrics = zones.stream().map(z -> new ZoneMetrics(z.area())).toList();
        int inside = 0;
        for (int i = 0; i < 20_000; i++) {
            double lat;
            double lon;
            if (i % 2 == 0) {
                lat = 26.45 + random.nextDouble() * 0.4;
                lon = 106.55 + random.nextDouble() * 0.4;
            } else { // just inside or outside a zone's boundary
                ZoneShape.Circle circle = (ZoneShape.Circle) zones.get(random.nextInt(zones.size())).shape();
                double r = circle.radiusMetres() * (0.98 + 0.04 * random.nextDouble());
                double angle = random.nextDouble() * 2 * Math.PI;
                lat = circle.latitude() + r * Math.sin(angle) / 110_800;
                double metresPerDegreeLon = 111_320 * Math.cos(Math.toRadians(circle.latitude()));
                lon = circle.longitude() + r * Math.cos(angle) / metresPerDegreeLon;
            }
            Set<String> found = new HashSet<>();
            index.forEachContaining(lat, lon, zone -> assertThat(found.add(zone.id())).isTrue());
            double radius = random.nextDouble() * 50;
            Map<String, Boolean> near = new HashMap<>();
            index.forEachNear(lat, lon, radius, (zone, wholly) -> near.put(zone.id(), wholly));
            Set<String> expected = new HashSet<>();
            Map<String, Boolean> expectedNear = new HashMap<>();
            for (int z = 0; z < zones.size(); z++) {
                ZoneMetrics m = metrics.get(z);
                boolean covers = m.covers(lon, lat);
                double d = m.distanceToBoundary(lon, lat, 0);
                if (covers) {
                    expected.add(zones.get(z).id());
                    expectedNear.put(zones.get(z).id(), d >= radius);
                } else if (d <= radius) {
                    expectedNear.put(zones.get(z).id(), false);
                }
            }
            assertThat(found).as("containing %s, %s", lat, lon).isEqualTo(expected);
            assertThat(near).as("near %s, %s radius %s", lat, lon, radius).isEqualTo(expectedNear);
            inside += expected.size();
        }
        assertThat(inside).isGreaterThan(10_000); // the points do land in zones, often in several
    }
}
