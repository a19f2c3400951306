package org.shouhu.geofence.internal;

import org.locationtech.jts.geom.Coordinate;

/** Converts one longitude/latitude pair of a source coordinate system into WGS-84. Stateless and thread-safe. */
@FunctionalInterface
public interface CoordinateConverter {

    /** The identity: the source is already WGS-84. */
    CoordinateConverter IDENTITY = (lon, lat) -> new Coordinate(lon, lat);

    /** @return the WGS-84 coordinate, x = longitude, y = latitude */
    Coordinate toWgs84(double lon, double lat);
}
