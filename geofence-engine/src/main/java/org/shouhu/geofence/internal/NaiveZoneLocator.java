package org.shouhu.geofence.internal;

import java.util.List;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneLocator;

/**
 * The reference locator: asks every zone's area whether it covers the point. Linear in the number of zones; the
 * baseline the benchmarks compare against and the oracle the contract tests trust. Immutable and thread-safe.
 */
public final class NaiveZoneLocator implements ZoneLocator {

    private final List<Zone> zones;

    public NaiveZoneLocator(List<Zone> zones) {
        this.zones = List.copyOf(zones);
    }

    @Override
    public void forEachContaining(double lat, double lon, Consumer<Zone> action) {
        Point point = Geometries.WGS84.createPoint(new Coordinate(lon, lat));
        for (Zone zone : zones) {
            if (zone.area().covers(point)) {
                action.accept(zone);
            }
        }
    }

    @Override
    public int size() {
        return zones.size();
    }
}
