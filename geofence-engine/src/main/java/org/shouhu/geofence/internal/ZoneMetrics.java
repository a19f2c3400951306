package org.shouhu.geofence.internal;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Exact and metric questions about one polygonal area (Polygon or MultiPolygon, holes allowed): does it cover a
 * point, how far in metres is a point from its boundary, does a segment touch it.
 *
 * <p>The rings are kept as two flat arrays of degrees, so the area costs about 16 bytes a vertex and no objects per
 * vertex or segment (a JTS locator per zone would cost several kilobytes, which matters at 100,000 zones). Point
 * containment counts ray crossings with JTS's robust orientation predicate ({@link CGAlgorithmsDD}), so points on
 * edges, on vertices and on hole boundaries are decided exactly as JTS's {@code covers} decides them. Distances use a
 * local equirectangular frame centred on the area, with WGS-84 radii of curvature at the centre: within 10 km of the
 * centre the error is below 0.2 % of the distance, far below a fix's accuracy. Immutable and thread-safe.
 */
public final class ZoneMetrics {

    private static final double A = 6_378_137.0;
    private static final double E2 = 0.00669437999014;

    private final Envelope envelope;
    private final double lon0;
    private final double lat0;
    /** Metres per degree of longitude and latitude at the centre. */
    private final double kx;
    private final double ky;
    /** Vertices in degrees: segment i runs from vertex i to i + 1 unless {@code ringEnd[i]} (the ring closes there). */
    private final double[] lons;
    private final double[] lats;
    private final boolean[] ringEnd;

    public ZoneMetrics(Geometry area) {
        this.envelope = area.getEnvelopeInternal();
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
        this.lons = new double[count];
        this.lats = new double[count];
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
            lons[at] = c.x;
            lats[at] = c.y;
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

    /** How many vertices the rings hold (closing vertices included). */
    public int vertexCount() {
        return lons.length;
    }

    /** Whether vertex i starts a segment (it is not the closing vertex of a ring). */
    public boolean startsSegment(int i) {
        return !ringEnd[i];
    }

    public double lon(int i) {
        return lons[i];
    }

    public double lat(int i) {
        return lats[i];
    }

    /** Whether the area covers the point, boundary included. */
    public boolean covers(double lon, double lat) {
        if (!envelope.covers(lon, lat)) {
            return false;
        }
        return locate(lon, lat) != OUTSIDE;
    }

    /** {@link #locate} result: strictly inside. */
    public static final int INSIDE = 1;
    /** {@link #locate} result: on an edge or a vertex. */
    public static final int ON_BOUNDARY = 0;
    /** {@link #locate} result: outside (or in a hole). */
    public static final int OUTSIDE = -1;

    /**
     * Where the point lies: {@link #INSIDE}, {@link #ON_BOUNDARY} or {@link #OUTSIDE}. Counts the crossings of a ray
     * running east from the point, each edge half-open at its upper end, as JTS's {@code RayCrossingCounter} does.
     */
    public int locate(double px, double py) {
        int crossings = 0;
        int last = lons.length - 1;
        for (int i = 0; i < last; i++) {
            if (ringEnd[i]) {
                continue;
            }
            double ax = lons[i];
            double ay = lats[i];
            double bx = lons[i + 1];
            double by = lats[i + 1];
            if (ax < px && bx < px) {
                continue; // wholly west of the point: the ray cannot cross it
            }
            if (px == bx && py == by) {
                return ON_BOUNDARY;
            }
            if (ay == py && by == py) { // horizontal edge on the ray's line
                if ((ax <= px && px <= bx) || (bx <= px && px <= ax)) {
                    return ON_BOUNDARY;
                }
                continue;
            }
            if ((ay > py && by <= py) || (by > py && ay <= py)) {
                int orientation = CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, px, py);
                if (orientation == 0) {
                    return ON_BOUNDARY;
                }
                if (by < ay) {
                    orientation = -orientation;
                }
                if (orientation > 0) {
                    crossings++;
                }
            }
        }
        return (crossings & 1) == 1 ? INSIDE : OUTSIDE;
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
        int last = lons.length - 1;
        double bx = (lons[0] - lon0) * kx;
        double by = (lats[0] - lat0) * ky;
        for (int i = 0; i < last; i++) {
            double ax = bx;
            double ay = by;
            bx = (lons[i + 1] - lon0) * kx;
            by = (lats[i + 1] - lat0) * ky;
            if (ringEnd[i]) {
                continue;
            }
            double d = segmentDistanceSquared(px, py, ax, ay, bx, by);
            if (d < best) {
                best = d;
                if (best < stopSquared) {
                    break;
                }
            }
        }
        return Math.sqrt(best);
    }

    /**
     * The distance in metres from the point to the segment a-b (degrees), computed exactly as
     * {@link #distanceToBoundary} computes it for each of the area's own segments.
     */
    public double distanceToSegment(double lon, double lat, double ax, double ay, double bx, double by) {
        return distanceToSegment(lon0, lat0, kx, ky, lon, lat, ax, ay, bx, by);
    }

    /**
     * {@link #distanceToSegment} in the frame of an area with centre (lon0, lat0) and scales kx, ky (its
     * {@link #frame()}), for callers that keep frames in flat arrays.
     */
    static double distanceToSegment(double lon0, double lat0, double kx, double ky, double lon, double lat,
                                    double ax, double ay, double bx, double by) {
        return Math.sqrt(segmentDistanceSquared((lon - lon0) * kx, (lat - lat0) * ky, (ax - lon0) * kx,
                (ay - lat0) * ky, (bx - lon0) * kx, (by - lat0) * ky));
    }

    /** The metric frame: centre longitude and latitude, metres per degree of longitude and of latitude. */
    double[] frame() {
        return new double[] {lon0, lat0, kx, ky};
    }

    /**
     * The least distance in metres, measured as {@link #distanceToBoundary} measures, from a point inside the box
     * (degrees) to the box's border: a lower bound of its distance to anything outside the box.
     */
    public double distanceToBorder(double lon, double lat, double west, double south, double east, double north) {
        return distanceToBorder(kx, ky, lon, lat, west, south, east, north);
    }

    /** {@link #distanceToBorder} with the frame's scales kx, ky. */
    static double distanceToBorder(double kx, double ky, double lon, double lat, double west, double south,
                                   double east, double north) {
        double x = Math.min(lon - west, east - lon) * kx;
        double y = Math.min(lat - south, north - lat) * ky;
        return Math.min(x, y);
    }

    /** Whether the segment between two positions (degrees) touches the area: an end inside, or an edge crossed. */
    public boolean intersectsSegment(double lon1, double lat1, double lon2, double lat2) {
        if (covers(lon1, lat1) || covers(lon2, lat2)) {
            return true;
        }
        int last = lons.length - 1;
        for (int i = 0; i < last; i++) {
            if (!ringEnd[i] && Segments.intersect(lon1, lat1, lon2, lat2, lons[i], lats[i], lons[i + 1], lats[i + 1])) {
                return true;
            }
        }
        return false;
    }

    static double segmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by) {
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
