package org.shouhu.geofence;

import org.locationtech.jts.geom.Coordinate;
import org.shouhu.geofence.internal.ChineseDatums;
import org.shouhu.geofence.internal.CoordinateConverter;

/**
 * The coordinate system a zone was drawn in. GNSS fixes are WGS-84; zones drawn on Chinese web maps are GCJ-02
 * (Amap, Tencent) or BD-09 (Baidu) and are converted to WGS-84 on import. The conversion reproduces the published
 * GCJ-02 formula to better than a millimetre; the formula itself is within about 1-2 m of the official offsets.
 */
public enum CoordinateSystem {
    WGS84("wgs84"),
    GCJ02("gcj02"),
    BD09("bd09");

    private final String code;

    CoordinateSystem(String code) {
        this.code = code;
    }

    /** The GeoJSON {@code crs} property value. */
    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static CoordinateSystem fromCode(String code) {
        for (CoordinateSystem crs : values()) {
            if (crs.code.equalsIgnoreCase(code)) {
                return crs;
            }
        }
        throw new IllegalArgumentException("unknown coordinate system '" + code + "' (expected wgs84, gcj02 or bd09)");
    }

    /** Converts a position of this system to WGS-84 (x = longitude, y = latitude). */
    public Coordinate toWgs84(double lon, double lat) {
        return switch (this) {
            case WGS84 -> new Coordinate(lon, lat);
            case GCJ02 -> swap(ChineseDatums.gcj02ToWgs84(lat, lon));
            case BD09 -> swap(ChineseDatums.bd09ToWgs84(lat, lon));
        };
    }

    CoordinateConverter converter() {
        return this::toWgs84;
    }

    private static Coordinate swap(double[] latLon) {
        return new Coordinate(latLon[1], latLon[0]);
    }
}
