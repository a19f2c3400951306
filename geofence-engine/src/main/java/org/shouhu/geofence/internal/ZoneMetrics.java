package org.shouhu.geofence.internal;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * Exact, metric questions about one polygonal area: does it cover a point, and how far (in metres) is a point from
 * its boundary. Distances use a local equirectangular frame centred on the area, with WGS-84 ellipsoid radii of
 * curvature at the centre: within 10 km of the centre the error is below 0.2 % of the distance, far below a fix's
 * accuracy. The point-in-area locator is built eagerly. Immutable and thread-safe once constructed.
 */
public final class ZoneMetrics {

    private static final double A = 6_378_137.0;
    private static final double E2 = 0.00669437999014;

    private final Envelope envelope;
    private final IndexedPointInAreaLocator locator;
    private final double lon0;
    private final double lat0;
    /** Metres per degree of longitude and latitude at the centre. */
    private final double kx;
    private final double ky;
    /** Boundary segments in the metric frame: segment i runs (xs[i], ys[i]) to (xs[i+1], ys[i+1]) unless a ring ends. */
    private final double[] xs;
    private final double[] ys;
    private final boolean[] ringEnd;

    public ZoneMetrics(Geometry area) {
        this.envelope = area.getEnvelopeInternal();
        this.locator = new IndexedPointInAreaLocator(area);
        locator.locate(area.getCoordinate()); // build the locator's index now
        this.lon0 = envelope.centre().x;
        this.lat0 = envelope.centre().y;
        double phi = Math.toRadians(lat0);
        double w = 1 - E2 * Math.sin(phi) * Math.sin(phi);
        this.kx = Math.toRadians(1) * A / Math.sqrt(w) * Math.cos(phi);
        this.ky = Math.toRadians(1) * A * (1 - E2) / (w * Math.sqrt(w));
        int count = 0;
        for (int p = 0; p < area.getNumGeometries(); p++) {
            Polygon polygon = (Polygon) area.getGeometryN(p);
            count += polygon.getExteriorRing().getNumPoints();
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                count += polygon.getInteriorRingN(h).getNumPoints();
            }
        }
        this.xs = new double[count];
        this.ys = new double[count];
        this.ringEnd = new boolean[count];
        int at = 0;
        for (int p = 0; p < area.getNumGeometries(); p++) {
            Polygon polygon = (Polygon) area.getGeometryN(p);
            at = addRing(polygon.getExteriorRing(), at);
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                at = addRing(polygon.getInteriorRingN(h), at);
            }
        }
    }

    private int addRing(LineString ring, int at) {
        for (int i = 0; i < ring.getNumPoints(); i++) {
            Coordinate c = ring.getCoordinateN(i);
            xs[at] = (c.x - lon0) * kx;
            ys[at] = (c.y - lat0) * ky;
            at++;
        }
        ringEnd[at - 1] = true;
        return at;
    }

    public Envelope envelope() {
        return envelope;
    }

    /** Metres per degree of longitude at the area's centre. */
    public double metresPerDegreeLon() {
        return kx;
    }

    /** Metres per degree of latitude at the area's centre. */
    public double metresPerDegreeLat() {
        return ky;
    }

    /** Whether the area covers the point, boundary included. */
    public boolean covers(double lon, double lat) {
        if (!envelope.covers(lon, lat)) {
            return false;
        }
        return locator.locate(new Coordinate(lon, lat)) != Location.EXTERIOR;
    }

    /**
     * The distance in metres from the point to the nearest boundary (shell or hole), or a value below
     * {@code stopBelow} as soon as one segment is nearer than that (the exact minimum is then not needed).
     */
    public double distanceToBoundary(double lon, double lat, double stopBelow) {
        double px = (lon - lon0) * kx;
        double py = (lat - lat0) * ky;
        double stopSquared = stopBelow * stopBelow;
        double best = Double.POSITIVE_INFINITY;
        int last = xs.length - 1;
        for (int i = 0; i < last; i++) {
            if (ringEnd[i]) {
                continue;
            }
            double d = segmentDistanceSquared(px, py, xs[i], ys[i], xs[i + 1], ys[i + 1]);
            if (d < best) {
                best = d;
                if (best < stopSquared) {
                    break;
                }
            }
        }
        return Math.sqrt(best);
    }

    private static double segmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSquared;
        t = t < 0 ? 0 : (t > 1 ? 1 : t);
        double ex = ax + t * dx - px;
        double ey = ay + t * dy - py;
        return ex * ex + ey * ey;
    }
}
