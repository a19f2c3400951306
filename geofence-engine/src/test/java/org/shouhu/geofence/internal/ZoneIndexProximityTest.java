package org.shouhu.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.shouhu.geofence.DangerKind;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneShape;

/**
 * The grid's accuracy-aware answers agree with exact per-zone metric tests, for small and large radii, for points
 * anywhere and for points just inside and outside zones; danger crossings agree with testing every zone.
 */
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
            // the narrower questions a coarse fix asks agree with the visits
            Set<String> wholly = new java.util.HashSet<>();
            index.forEachWhollyInside(lat, lon, radius, zone -> assertThat(wholly.add(zone.id())).isTrue());
            assertThat(wholly).isEqualTo(expected.entrySet().stream().filter(Map.Entry::getValue)
                    .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
            for (int k = 0; k < 10; k++) {
                String id = zones.get(random.nextInt(zones.size())).id();
                assertThat(index.circleTouches(id, lat, lon, radius)).isEqualTo(expected.containsKey(id));
            }
        }
        assertThat(decided).isGreaterThan(500); // the random points do land in and near zones
    }

    @Test
    void near_queries_at_the_boundary_agree_with_exact_metric_tests() {
        Random random = new Random(11);
        List<Zone> zones = new ArrayList<>();
        List<double[]> circles = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            double lat = 26.5 + random.nextDouble() * 0.05;
            double lon = 106.6 + random.nextDouble() * 0.05;
            double radius = 30 + random.nextDouble() * 300;
            zones.add(new Zone("z" + i, "", ZoneKind.HOME, null, Set.of(), new ZoneShape.Circle(lat, lon, radius),
                    Zone.DEFAULT_TIME_ZONE));
            circles.add(new double[] {lat, lon, radius});
        }
        ZoneIndex index = new ZoneIndex(zones, GridSettings.DEFAULT);
        List<ZoneMetrics> metrics = zones.stream().map(z -> new ZoneMetrics(z.area())).toList();
        for (int i = 0; i < 20_000; i++) {
            // a point within 60 m of a zone's boundary, inside or out, with radii around that distance
            double[] c = circles.get(random.nextInt(circles.size()));
            double r = c[2] + (random.nextDouble() - 0.5) * 120;
            double angle = random.nextDouble() * 2 * Math.PI;
            double lat = c[0] + r * Math.sin(angle) / 110_800;
            double lon = c[1] + r * Math.cos(angle) / (111_320 * Math.cos(Math.toRadians(c[0])));
            double radius = random.nextDouble() * (i % 3 == 0 ? 100 : 50);
            Map<String, Boolean> found = new HashMap<>();
            index.forEachNear(lat, lon, radius, (zone, inside) -> found.put(zone.id(), inside));
            Map<String, Boolean> expected = new HashMap<>();
            for (int z = 0; z < zones.size(); z++) {
                ZoneMetrics m = metrics.get(z);
                double d = m.distanceToBoundary(lon, lat, 0);
                if (m.covers(lon, lat)) {
                    expected.put(zones.get(z).id(), d >= radius);
                } else if (d <= radius) {
                    expected.put(zones.get(z).id(), false);
                }
            }
            assertThat(found).as("at %s, %s radius %s", lat, lon, radius).isEqualTo(expected);
        }
    }

    @Test
    void danger_crossings_agree_with_testing_every_zone() {
        Random random = new Random(5);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double lat = 26.5 + random.nextDouble() * 0.1;
            double lon = 106.6 + random.nextDouble() * 0.1;
            boolean danger = i % 2 == 0;
            zones.add(new Zone("z" + i, "", danger ? ZoneKind.DANGER : ZoneKind.HOME,
                    danger ? DangerKind.WATER : null, Set.of(),
                    new ZoneShape.Circle(lat, lon, 20 + random.nextDouble() * (i % 10 == 0 ? 3000 : 200)),
                    Zone.DEFAULT_TIME_ZONE));
        }
        ZoneIndex index = new ZoneIndex(zones, GridSettings.DEFAULT);
        List<ZoneMetrics> metrics = zones.stream().map(z -> new ZoneMetrics(z.area())).toList();
        int crossed = 0;
        int crossedShort = 0;
        for (int i = 0; i < 6_000; i++) {
            double lat1 = 26.49 + random.nextDouble() * 0.12;
            double lon1 = 106.59 + random.nextDouble() * 0.12;
            double length = i % 10 == 0 ? 0.1 : 0.01;
            if (i % 2 == 1) { // a walk of up to 60 m starting near a danger zone (decided from the end's cells)
                Envelope e = zones.get(2 * random.nextInt(zones.size() / 2)).area().getEnvelopeInternal();
                lat1 = e.centre().y + (random.nextDouble() - 0.5) * e.getHeight() * 1.4;
                lon1 = e.centre().x + (random.nextDouble() - 0.5) * e.getWidth() * 1.4;
                length = 0.0006;
            }
            double lat2 = lat1 + (random.nextDouble() - 0.5) * length;
            double lon2 = lon1 + (random.nextDouble() - 0.5) * length;
            List<String> found = new ArrayList<>();
            index.forEachDangerCrossed(lat1, lon1, lat2, lon2, zone -> found.add(zone.id()));
            List<String> expected = new ArrayList<>();
            for (int z = 0; z < zones.size(); z++) {
                if (zones.get(z).kind() == ZoneKind.DANGER && metrics.get(z).intersectsSegment(lon1, lat1, lon2, lat2)) {
                    expected.add(zones.get(z).id());
                }
            }
            assertThat(found).as("%s %s to %s %s", lat1, lon1, lat2, lon2).containsExactlyInAnyOrderElementsOf(expected);
            crossed += expected.size();
            crossedShort += length < 0.001 ? expected.size() : 0;
        }
        assertThat(crossed).isGreaterThan(500);
        assertThat(crossedShort).isGreaterThan(500);
    }
}
