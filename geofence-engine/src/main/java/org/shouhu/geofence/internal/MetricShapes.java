package org.shouhu.geofence.internal;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.buffer.BufferParameters;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Builds circles and corridors whose sizes are in metres. The geometry is projected with proj4j into a transverse
 * Mercator projection centred on the shape (scale error below 1e-5 within 25 km of the centre), buffered there in
 * metres, and projected back to WGS-84. Stateless and thread-safe (each call creates its own transforms).
 */
public final class MetricShapes {

    /** Segments per quarter circle: a circle becomes a 48-gon, whose area is 0.3 % below the true circle's. */
    private static final int QUADRANT_SEGMENTS = 12;
    private static final CRSFactory CRS = new CRSFactory();
    private static final CoordinateReferenceSystem WGS84 = CRS.createFromParameters("WGS84", "+proj=longlat +datum=WGS84 +no_defs");
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

    private MetricShapes() {
    }

    /** A circle of {@code radiusMetres} around the WGS-84 centre, as a polygon in WGS-84. */
    public static Polygon circle(double lat, double lon, double radiusMetres) {
        Geometry centre = Geometries.WGS84.createPoint(new Coordinate(lon, lat));
        return (Polygon) buffer(centre, lat, lon, radiusMetres);
    }

    /** The area within {@code halfWidthMetres} of the WGS-84 line, as a polygon in WGS-84 (round ends). */
    public static Polygon corridor(LineString line, double halfWidthMetres) {
        Envelope e = line.getEnvelopeInternal();
        Geometry area = buffer(line, e.centre().y, e.centre().x, halfWidthMetres);
        if (!(area instanceof Polygon polygon)) {
            throw new IllegalArgumentException("corridor is not a single polygon");
        }
        return polygon;
    }

    private static Geometry buffer(Geometry wgs84, double lat0, double lon0, double metres) {
        CoordinateReferenceSystem local = CRS.createFromParameters("local",
                "+proj=tmerc +lat_0=" + lat0 + " +lon_0=" + lon0 + " +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m");
        Geometry projected = transform(wgs84, TRANSFORMS.createTransform(WGS84, local));
        BufferParameters parameters = new BufferParameters(QUADRANT_SEGMENTS);
        Geometry buffered = org.locationtech.jts.operation.buffer.BufferOp.bufferOp(projected, metres, parameters);
        Geometry back = transform(buffered, TRANSFORMS.createTransform(local, WGS84));
        back.setSRID(4326);
        return back;
    }

    private static Geometry transform(Geometry geometry, CoordinateTransform transform) {
        Geometry copy = geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            private final ProjCoordinate in = new ProjCoordinate();
            private final ProjCoordinate out = new ProjCoordinate();

            @Override
            public void filter(CoordinateSequence seq, int i) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                transform.transform(in, out);
                seq.setOrdinate(i, CoordinateSequence.X, out.x);
                seq.setOrdinate(i, CoordinateSequence.Y, out.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }
}
