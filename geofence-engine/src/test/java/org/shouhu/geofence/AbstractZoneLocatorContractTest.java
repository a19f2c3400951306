package org.shouhu.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The containment contract every {@link ZoneLocator} must satisfy. Subclasses say how to build one. */
abstract class AbstractZoneLocatorContractTest {

    /** A square 106.0..106.5 x 26.0..26.5 with a square hole 106.2..106.3 x 26.2..26.3. */
    private static final Zone SQUARE_WITH_HOLE = TestZones.custom("square",
            "POLYGON((106 26, 106.5 26, 106.5 26.5, 106 26.5, 106 26),"
                    + " (106.2 26.2, 106.3 26.2, 106.3 26.3, 106.2 26.3, 106.2 26.2))");
    private static final Zone ISLANDS = TestZones.custom("islands",
            "MULTIPOLYGON(((107 26, 107.01 26, 107.01 26.01, 107 26.01, 107 26)),"
                    + " ((107.02 26, 107.03 26, 107.03 26.01, 107.02 26.01, 107.02 26)))");
    private static final Zone OVERLAPPING = TestZones.custom("overlap",
            "POLYGON((106.4 26.4, 106.6 26.4, 106.6 26.6, 106.4 26.6, 106.4 26.4))");
    /** A triangle with a redundant collinear vertex on its base. */
    private static final Zone COLLINEAR = TestZones.custom("collinear",
            "POLYGON((108 26, 108.001 26, 108.002 26, 108.001 26.001, 108 26))");
    /** A sliver one metre wide and a kilometre long. */
    private static final Zone SLIVER = TestZones.custom("sliver",
            "POLYGON((109 26, 109.01 26, 109.01 26.000009, 109 26.000009, 109 26))");
    private static final Zone CIRCLE = TestZones.circle("circle", ZoneKind.HOME, 27.0, 106.0, 100);

    protected abstract ZoneLocator locator(List<Zone> zones);

    private final ZoneLocator locator = locator(
            List.of(SQUARE_WITH_HOLE, ISLANDS, OVERLAPPING, COLLINEAR, SLIVER, CIRCLE));

    private Set<String> at(double lat, double lon) {
        return locator.zonesContaining(lat, lon).stream().map(Zone::id).collect(Collectors.toSet());
    }

    @Test
    void contains_point_in_the_interior() {
        assertThat(at(26.1, 106.1)).containsExactly("square");
    }

    @Test
    void does_not_contain_point_outside_every_zone() {
        assertThat(at(25.9, 106.1)).isEmpty();
        assertThat(at(26.005, 107.015)).isEmpty();
    }

    @Test
    void contains_point_on_an_edge() {
        assertThat(at(26.0, 106.25)).containsExactly("square");
        assertThat(at(26.25, 106.5)).containsExactly("square");
    }

    @Test
    void contains_its_vertices() {
        assertThat(at(26.0, 106.0)).containsExactly("square");
        assertThat(at(26.5, 106.0)).containsExactly("square");
        assertThat(at(26.001, 108.001)).containsExactly("collinear");
    }

    @Test
    void point_in_a_hole_is_outside() {
        assertThat(at(26.25, 106.25)).isEmpty();
    }

    @Test
    void point_on_a_hole_boundary_is_inside() {
        assertThat(at(26.2, 106.25)).containsExactly("square");
        assertThat(at(26.3, 106.3)).containsExactly("square");
    }

    @Test
    void contains_points_in_every_part_of_a_multipolygon() {
        assertThat(at(26.005, 107.005)).containsExactly("islands");
        assertThat(at(26.005, 107.025)).containsExactly("islands");
    }

    @Test
    void reports_each_overlapping_zone_once() {
        List<Zone> found = locator.zonesContaining(26.45, 106.45);
        assertThat(found).extracting(Zone::id).containsExactlyInAnyOrder("square", "overlap");
    }

    @Test
    void handles_redundant_collinear_vertex() {
        assertThat(at(26.0, 108.001)).containsExactly("collinear");
        assertThat(at(26.0002, 108.001)).containsExactly("collinear");
        assertThat(at(25.9999, 108.001)).isEmpty();
    }

    @Test
    void handles_a_one_metre_sliver() {
        assertThat(at(26.0000045, 109.005)).containsExactly("sliver");
        assertThat(at(26.00002, 109.005)).isEmpty();
    }

    @Test
    void circle_radius_is_in_metres() {
        double perMetreLat = 1 / TestZones.metresPerDegreeLat();
        assertThat(at(27.0 + 95 * perMetreLat, 106.0)).containsExactly("circle");
        assertThat(at(27.0 + 105 * perMetreLat, 106.0)).isEmpty();
        double perMetreLon = 1 / TestZones.metresPerDegreeLon(27.0);
        assertThat(at(27.0, 106.0 - 95 * perMetreLon)).containsExactly("circle");
        assertThat(at(27.0, 106.0 - 105 * perMetreLon)).isEmpty();
    }

    @Test
    void far_away_and_extreme_coordinates_contain_nothing() {
        assertThat(at(89.999, -179.999)).isEmpty();
        assertThat(at(-89.999, 179.999)).isEmpty();
        assertThat(at(0.0, 0.0)).isEmpty();
    }

    @Test
    void empty_locator_contains_nothing() {
        ZoneLocator empty = locator(List.of());
        assertThat(empty.zonesContaining(26.1, 106.1)).isEmpty();
        assertThat(empty.size()).isZero();
    }

    @Test
    void zone_with_empty_geometry_is_rejected_at_construction() {
        assertThrows(IllegalArgumentException.class, () -> TestZones.custom("empty", "POLYGON EMPTY"));
    }

    @Test
    void agrees_with_every_zone_tested_on_its_own_for_random_points() {
        Random random = new Random(42);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double lat = 26 + random.nextDouble() * 0.2;
            double lon = 106 + random.nextDouble() * 0.2;
            zones.add(random.nextBoolean()
                    ? TestZones.circle("c" + i, ZoneKind.HOME, lat, lon, 20 + random.nextDouble() * 800)
                    : TestZones.custom("p" + i, randomPolygon(random, lat, lon)));
        }
        ZoneLocator subject = locator(zones);
        ZoneLocator oracle = ZoneLocators.naive(zones);
        for (int i = 0; i < 5_000; i++) {
            double lat = 25.99 + random.nextDouble() * 0.22;
            double lon = 105.99 + random.nextDouble() * 0.22;
            assertThat(ids(subject, lat, lon)).as("at %s, %s", lat, lon).isEqualTo(ids(oracle, lat, lon));
        }
        // on the vertices themselves
        for (Zone zone : zones) {
            for (var c : zone.area().getCoordinates()) {
                assertThat(ids(subject, c.y, c.x)).as("vertex of %s", zone.id()).contains(zone.id());
            }
        }
    }

    private static Set<String> ids(ZoneLocator locator, double lat, double lon) {
        return locator.zonesContaining(lat, lon).stream().map(Zone::id).collect(Collectors.toSet());
    }

    /** A star-shaped polygon (valid by construction) of 8..40 vertices and radius up to about 1 km. */
    private static String randomPolygon(Random random, double lat, double lon) {
        int n = 8 + random.nextInt(33);
        StringBuilder wkt = new StringBuilder("POLYGON((");
        String first = null;
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n;
            double r = 0.001 + random.nextDouble() * 0.009;
            String point = (lon + r * Math.cos(angle)) + " " + (lat + r * Math.sin(angle));
            if (first == null) {
                first = point;
            }
            wkt.append(point).append(", ");
        }
        return wkt.append(first).append("))").toString();
    }
}
