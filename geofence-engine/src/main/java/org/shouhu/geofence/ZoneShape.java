package org.shouhu.geofence;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.shouhu.geofence.internal.MetricShapes;

/**
 * How a zone was drawn, in WGS-84. Every shape has an {@link #toArea() area}: the polygonal geometry the engine
 * tests fixes against. Circle radii and corridor widths are metres, applied in a local metric projection.
 */
public sealed interface ZoneShape {

    /** Largest circle radius or corridor half-width accepted, in metres. */
    double MAX_METRES = 50_000;

    /** The polygonal area in WGS-84 (x = longitude, y = latitude). Computes it; callers keep the result. */
    Geometry toArea();

    /** A drawn Polygon (holes allowed) or MultiPolygon, already valid and in WGS-84. */
    record Area(Geometry geometry) implements ZoneShape {
        public Area {
            Objects.requireNonNull(geometry, "geometry");
            if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
                throw new IllegalArgumentException("an area must be a Polygon or MultiPolygon, is "
                        + geometry.getGeometryType());
            }
            if (!geometry.isValid()) {
                throw new IllegalArgumentException("area geometry is not valid");
            }
        }

        @Override
        public Geometry toArea() {
            return geometry;
        }
    }

    /** A circle of {@code radiusMetres} (1..50,000) around a WGS-84 centre. */
    record Circle(double latitude, double longitude, double radiusMetres) implements ZoneShape {
        public Circle {
            if (!(latitude >= -85 && latitude <= 85) || !(longitude >= -180 && longitude <= 180)) {
                throw new IllegalArgumentException("circle centre out of range: " + latitude + ", " + longitude);
            }
            if (!(radiusMetres >= 1 && radiusMetres <= MAX_METRES)) {
                throw new IllegalArgumentException("circle radius must be 1.." + MAX_METRES + " m: " + radiusMetres);
            }
        }

        @Override
        public Geometry toArea() {
            return MetricShapes.circle(latitude, longitude, radiusMetres);
        }
    }

    /** The area within {@code halfWidthMetres} (1..50,000) of a WGS-84 line: a road, a river bank. */
    record Corridor(LineString line, double halfWidthMetres) implements ZoneShape {
        public Corridor {
            Objects.requireNonNull(line, "line");
            if (line.getNumPoints() < 2 || line.getLength() == 0) {
                throw new IllegalArgumentException("a corridor line needs two distinct points");
            }
            if (!(halfWidthMetres >= 1 && halfWidthMetres <= MAX_METRES)) {
                throw new IllegalArgumentException("corridor buffer must be 1.." + MAX_METRES + " m: " + halfWidthMetres);
            }
        }

        @Override
        public Geometry toArea() {
            return MetricShapes.corridor(line, halfWidthMetres);
        }
    }
}
