package org.shouhu.geofence.internal;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** The one geometry factory of the engine: floating precision, SRID 4326 (WGS-84 longitude/latitude). */
public final class Geometries {

    /** WGS-84 geographic coordinates: x is longitude, y is latitude, in degrees. */
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private Geometries() {
    }
}
