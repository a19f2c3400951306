package org.shouhu.geofence.internal;

import java.util.List;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneLocator;

/**
 * The textbook locator: an STR-packed R-tree of zone envelopes, then a prepared geometry's {@code covers} on each
 * candidate. Built eagerly (the tree is packed and every prepared geometry has built its index before the
 * constructor returns). Immutable and thread-safe.
 */
public final class StrTreeZoneLocator implements ZoneLocator {

    private final STRtree tree = new STRtree();
    private final int size;

    public StrTreeZoneLocator(List<Zone> zones) {
        for (Zone zone : zones) {
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(zone.area());
            prepared.covers(Geometries.WGS84.createPoint(zone.area().getCoordinate())); // build its index now
            tree.insert(zone.area().getEnvelopeInternal(), new Entry(zone, prepared));
        }
        tree.build();
        this.size = zones.size();
    }

    @Override
    public void forEachContaining(double lat, double lon, Consumer<Zone> action) {
        Point point = Geometries.WGS84.createPoint(new Coordinate(lon, lat));
        tree.query(new Envelope(lon, lon, lat, lat), item -> {
            Entry entry = (Entry) item;
            if (entry.prepared.covers(point)) {
                action.accept(entry.zone);
            }
        });
    }

    @Override
    public int size() {
        return size;
    }

    private record Entry(Zone zone, PreparedGeometry prepared) {
    }
}
