package org.shouhu.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.junit.jupiter.api.Test;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneLocator;
import org.shouhu.geofence.ZoneLocators;
import org.shouhu.geofence.ZoneShape;

/**
 * The grid decides boundary cells from a few edges and the side of the cell's centre. These cases aim at that path:
 * points exactly on edges and vertices, paths from the centre through vertices, and boundaries through cell centres.
 * JTS's prepared {@code covers} on each zone is the oracle.
 */
class ZoneIndexExactnessTest {

    private static final Grid GRID = new Grid(GridSettings.DEFAULT);

    @Test
    void points_along_every_edge_agree_with_the_oracle() {
        Random random = new Random(3);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            zones.add(star("z" + i, random, 26.5 + random.nextDouble() * 0.02, 106.6 + random.nextDouble() * 0.02,
                    5 + random.nextInt(60), 0.0003 + random.nextDouble() * 0.004));
        }
        ZoneLocator grid = ZoneLocators.grid(zones);
        ZoneLocator oracle = ZoneLocators.strTree(zones); // JTS prepared covers, fast enough for 30,000 points
        int checked = 0;
        for (Zone zone : zones) {
            Coordinate[] ring = zone.area().getCoordinates();
            for (int i = 0; i + 1 < ring.length; i++) {
                for (int k = 0; k <= 8; k++) {
                    double lon = ring[i].x + (ring[i + 1].x - ring[i].x) * k / 8;
                    double lat = ring[i].y + (ring[i + 1].y - ring[i].y) * k / 8;
                    for (double nudge : new double[] {0, 1e-9, -1e-9}) {
                        assertThat(ids(grid, lat + nudge, lon - nudge)).as("%s edge %d at %d/8", zone.id(), i, k)
                                .isEqualTo(ids(oracle, lat + nudge, lon - nudge));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void boundary_through_cell_centres_and_vertices_on_the_path_are_decided_exactly() {
        // a diamond whose vertices are cell centres, so centre-to-point paths run through vertices and along edges
        int column = GRID.column(0, 106.7);
        int row = GRID.row(0, 26.6);
        Coordinate[] ring = {
                centre(column, row - 2), centre(column + 2, row), centre(column, row + 2), centre(column - 2, row),
                centre(column, row - 2)};
        Polygon diamond = Geometries.WGS84.createPolygon(ring);
        Zone zone = new Zone("diamond", "", ZoneKind.CUSTOM, null, Set.of(), new ZoneShape.Area(diamond),
                Zone.DEFAULT_TIME_ZONE);
        ZoneLocator grid = ZoneLocators.grid(List.of(zone));
        ZoneLocator oracle = ZoneLocators.naive(List.of(zone));
        double cell = GRID.cellDegrees(0);
        for (int dc = -3; dc <= 3; dc++) {
            for (int dr = -3; dr <= 3; dr++) {
                for (int q = 0; q < 4; q++) { // the centre and points a quarter, half and three quarters across
                    double lon = GRID.centreLon(0, column + dc) + q * cell / 4;
                    double lat = GRID.centreLat(0, row + dr) + q * cell / 4;
                    assertThat(ids(grid, lat, lon)).as("%d,%d +%d/4", dc, dr, q).isEqualTo(ids(oracle, lat, lon));
                    assertThat(ids(grid, GRID.centreLat(0, row + dr), lon)).isEqualTo(
                            ids(oracle, GRID.centreLat(0, row + dr), lon));
                }
            }
        }
    }

    private static Coordinate centre(int column, int row) {
        return new Coordinate(GRID.centreLon(0, column), GRID.centreLat(0, row));
    }

    private static Set<String> ids(ZoneLocator locator, double lat, double lon) {
        return locator.zonesContaining(lat, lon).stream().map(Zone::id).collect(Collectors.toSet());
    }

    /** A star-shaped polygon, valid by construction. */
    private static Zone star(String id, Random random, double lat, double lon, int n, double radius) {
        Coordinate[] ring = new Coordinate[n + 1];
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n;
            double r = radius * (0.4 + 0.6 * random.nextDouble());
            ring[k] = new Coordinate(lon + r * Math.cos(angle), lat + r * Math.sin(angle));
        }
        ring[n] = ring[0];
        return new Zone(id, "", ZoneKind.CUSTOM, null, Set.of(),
                new ZoneShape.Area(Geometries.WGS84.createPolygon(ring)), Zone.DEFAULT_TIME_ZONE);
    }
}
