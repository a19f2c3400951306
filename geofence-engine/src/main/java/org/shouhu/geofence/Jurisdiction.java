package org.shouhu.geofence;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * A police jurisdiction: the area whose police endpoint receives alerts for a child located inside it.
 *
 * @param id       stable identifier (e.g. the administrative division code), non-blank
 * @param name     display name, non-blank
 * @param geometry Polygon or MultiPolygon in WGS-84 (x = longitude, y = latitude), non-empty
 */
public record Jurisdiction(String id, String name, Geometry geometry) {

    public Jurisdiction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(geometry, "geometry");
        if (id.isBlank()) {
            throw new IllegalArgumentException("jurisdiction id is blank");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("jurisdiction " + id + " has a blank name");
        }
        if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon) || geometry.isEmpty()) {
            throw new IllegalArgumentException("jurisdiction " + id + " must be a non-empty Polygon or MultiPolygon, is "
                    + geometry.getGeometryType());
        }
    }
}
