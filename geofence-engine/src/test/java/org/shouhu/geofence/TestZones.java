package org.shouhu.geofence;

import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.shouhu.geofence.internal.Geometries;
import org.shouhu.protocol.DeviceId;

/** Builders of zones for tests. */
final class TestZones {

    private static final WKTReader WKT = new WKTReader(Geometries.WGS84);

    private TestZones() {
    }

    static Geometry wkt(String text) {
        try {
            return WKT.read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Zone area(String id, ZoneKind kind, String wkt, DeviceId... children) {
        return new Zone(id, id, kind, kind == ZoneKind.DANGER ? DangerKind.OTHER : null, Set.of(children),
                new ZoneShape.Area(wkt(wkt)), Zone.DEFAULT_TIME_ZONE);
    }

    static Zone custom(String id, String wkt) {
        return area(id, ZoneKind.CUSTOM, wkt);
    }

    static Zone circle(String id, ZoneKind kind, double lat, double lon, double radius, DeviceId... children) {
        return new Zone(id, id, kind, kind == ZoneKind.DANGER ? DangerKind.OTHER : null, Set.of(children),
                new ZoneShape.Circle(lat, lon, radius), Zone.DEFAULT_TIME_ZONE);
    }

    static Zone corridor(String id, DangerKind dangerKind, String lineWkt, double halfWidth) {
        return new Zone(id, id, ZoneKind.DANGER, dangerKind, Set.of(),
                new ZoneShape.Corridor((LineString) wkt(lineWkt), halfWidth), Zone.DEFAULT_TIME_ZONE);
    }

    /** Metres per degree of latitude, and of longitude at a latitude (spherical approximation, fine for tests). */
    static double metresPerDegreeLat() {
        return 110_800;
    }

    static double metresPerDegreeLon(double lat) {
        return 111_320 * Math.cos(Math.toRadians(lat));
    }
}
