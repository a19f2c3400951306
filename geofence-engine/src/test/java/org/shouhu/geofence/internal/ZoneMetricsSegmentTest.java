package org.shouhu.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;

/**
 * Whether a segment touches an area ({@link ZoneMetrics#intersectsSegment}, the danger-crossing test, which the
 * index's crossing tests are compared with) decides exactly as JTS's {@code intersects}: for random segments around
 * bending strips and star-shaped areas, for segments ending on the envelope's corners and sides, passing beside the
 * corners, and through the vertices.
 */
class ZoneMetricsSegmentTest {

    private static final double LAT = 26.6;
    private static final double LON = 106.7;
    private static final double M_LAT = 1 / 110_800.0;
    private static final double M_LON = 1 / (111_320 * Math.cos(Math.toRadians(LAT)));

    @Test
    void segments_touch_an_area_exactly_when_jts_says_they_intersect() {
        Random random = new Random(23);
        int touching = 0;
        for (int a = 0; a < 200; a++) {
            Geometry area = a % 2 == 0 ? strip(random) : star(random);
            ZoneMetrics metrics = new ZoneMetrics(area);
            Envelope e = area.getEnvelopeInternal();
            Coordinate[] vertices = area.getCoordinates();
            for (int s = 0; s < 200; s++) {
                double[] p = point(random, e, vertices);
                double[] q = point(random, e, vertices);
                if (p[0] == q[0] && p[1] == q[1]) {
                    continue; // no segment (the engine never joins two fixes at one position)
                }
                LineString segment = Geometries.WGS84.createLineString(new Coordinate[] {
                        new Coordinate(p[0], p[1]), new Coordinate(q[0], q[1])});
                boolean expected = area.intersects(segment);
                assertThat(metrics.intersectsSegment(p[0], p[1], q[0], q[1]))
                        .as("area %s, segment %s", a, segment).isEqualTo(expected);
                touching += expected ? 1 : 0;
            }
        }
        assertThat(touching).as("both answers occur often").isBetween(4_000, 36_000);
    }

    /** An end of a segment: near or inside the envelope, on its corners or sides, or on a vertex of the area. */
    private static double[] point(Random random, Envelope e, Coordinate[] vertices) {
        switch (random.nextInt(5)) {
            case 0: {
                Coordinate v = vertices[random.nextInt(vertices.length)];
                return new double[] {v.x, v.y};
            }
            case 1:
                return new double[] {random.nextBoolean() ? e.getMinX() : e.getMaxX(),
                        random.nextBoolean() ? e.getMinY() : e.getMaxY()};
            case 2:
                return new double[] {random.nextBoolean() ? e.getMinX() : e.getMaxX(),
                        e.getMinY() + random.nextDouble() * e.getHeight()};
            default:
                return new double[] {e.getMinX() - e.getWidth() + random.nextDouble() * 3 * e.getWidth(),
                        e.getMinY() - e.getHeight() + random.nextDouble() * 3 * e.getHeight()};
        }
    }

    /** A bent strip like a river reach, 30-80 m wide and 0.5-3 km long, at any heading. */
    private static Geometry strip(Random random) {
        double length = 500 + random.nextDouble() * 2_500;
        double halfWidth = 15 + random.nextDouble() * 25;
        double heading = random.nextDouble() * Math.PI;
        double amplitude = length * 0.03 * random.nextDouble();
        int perSide = 25;
        Coordinate[] ring = new Coordinate[2 * perSide + 1];
        for (int k = 0; k < perSide; k++) {
            double along = -length / 2 + length * k / (perSide - 1);
            double across = amplitude * Math.sin(2 * Math.PI * k / (perSide - 1));
            ring[k] = rotate(along, across + halfWidth, heading);
            ring[2 * perSide - 1 - k] = rotate(along, across - halfWidth, heading);
        }
        ring[2 * perSide] = ring[0];
        Geometry polygon = Geometries.WGS84.createPolygon(ring);
        return polygon.isValid() ? polygon : polygon.convexHull();
    }

    private static Geometry star(Random random) {
        double radius = 40 + random.nextDouble() * 300;
        Coordinate[] ring = new Coordinate[49];
        for (int k = 0; k < 48; k++) {
            double angle = 2 * Math.PI * k / 48;
            double r = radius * (1 - 0.4 * random.nextDouble());
            ring[k] = new Coordinate(LON + r * Math.cos(angle) * M_LON, LAT + r * Math.sin(angle) * M_LAT);
        }
        ring[48] = ring[0];
        return Geometries.WGS84.createPolygon(ring);
    }

    private static Coordinate rotate(double along, double across, double heading) {
        double north = along * Math.sin(heading) + across * Math.cos(heading);
        double east = along * Math.cos(heading) - across * Math.sin(heading);
        return new Coordinate(LON + east * M_LON, LAT + north * M_LAT);
    }
}
