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
 * near radius agree with exact tests of every zone, at points in and around zones and just inside and outside each
 * boundary, whether the blocks are found through their dense directory (zones of one prefecture) or through the hash
 * of blocks (zones of two prefectures 2,000 km apart).
 */
class ZoneIndexLevelsTest {

    @Test
    void zones_of_every_level_are_found_exactly() {
        Random random = new Random(11);
        List<Zone> zones = zonesAround(random, 300, 26.5, 106.6);
        Grid grid = new Grid(GridSettings.DEFAULT);
        Set<Integer> levels = new HashSet<>();
        for (Zone zone : zones) {
            levels.add(CompiledZone.compile(zone, grid, GridSettings.DEFAULT).level);
        }
        assertThat(levels).as("levels in use").contains(0, 1, 2, 3, 4);
        assertThat(foundThroughDirectory(zones)).isTrue();
        assertFoundExactly(zones, random);
    }

    @Test
    void zones_spread_over_a_country_are_found_exactly_through_the_hash_of_blocks() {
        Random random = new Random(12);
        List<Zone> zones = new ArrayList<>(zonesAround(random, 150, 26.5, 106.6)); // Guiyang
        zones.addAll(zonesAround(random, 150, 43.8, 87.6)); // Urumqi
        assertThat(foundThroughDirectory(zones)).isFalse();
        assertFoundExactly(zones, random);
    }

    /** Circles of 20 m to 20 km around points of a 0.3 degree square. */
    private static List<Zone> zonesAround(Random random, int count, double south, double west) {
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double lat = south + random.nextDouble() * 0.3;
            double lon = west + random.nextDouble() * 0.3;
            double radius = 20 * Math.pow(1_000, random.nextDouble());
            zones.add(new Zone("z" + south + ":" + i, "", ZoneKind.HOME, null, Set.of(),
                    new ZoneShape.Circle(lat, lon, radius), Zone.DEFAULT_TIME_ZONE));
        }
        return zones;
    }

    private static boolean foundThroughDirectory(List<Zone> zones) {
        Grid grid = new Grid(GridSettings.DEFAULT);
        long[][] keys = zones.stream().map(z -> CompiledZone.compile(z, grid, GridSettings.DEFAULT).keys)
                .toArray(long[][]::new);
        CellBlocks.Layout layout = new CellBlocks.Layout(keys);
        return layout.blocks(new int[layout.slotCount() + 1]).hasDirectory();
    }

    private static void assertFoundExactly(List<Zone> zones, Random random) {
        ZoneIndex index = new ZoneIndex(zones, GridSettings.DEFAULT);
        List<ZoneMetrics> metrics = zones.stream().map(z -> new ZoneMetrics(z.area())).toList();
        int inside = 0;
        for (int i = 0; i < 20_000; i++) {
            ZoneShape.Circle circle = (ZoneShape.Circle) zones.get(random.nextInt(zones.size())).shape();
            double metresPerDegreeLon = 111_320 * Math.cos(Math.toRadians(circle.latitude()));
            double north;
            double east;
            if (i % 2 == 0) { // in or around a zone
                double reach = Math.max(circle.radiusMetres() * 1.5, 3_000);
                north = (random.nextDouble() * 2 - 1) * reach;
                east = (random.nextDouble() * 2 - 1) * reach;
            } else { // just inside or outside its boundary
                double r = circle.radiusMetres() * (0.98 + 0.04 * random.nextDouble());
                double angle = random.nextDouble() * 2 * Math.PI;
                north = r * Math.sin(angle);
                east = r * Math.cos(angle);
            }
            double lat = circle.latitude() + north / 110_800;
            double lon = circle.longitude() + east / metresPerDegreeLon;
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
