package org.shouhu.geofence.internal;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable index of areal items: an STR-packed R-tree of their envelopes as the coarse filter, and a
 * JTS {@link IndexedPointInAreaLocator} per item as the exact test. Both are built eagerly in the constructor, so
 * queries never build anything and the index is safe to share between threads once constructed.
 *
 * <p>A point on an item's boundary counts as covered by it (the closed-set, "covers" semantics).
 *
 * @param <T> the item type
 */
public final class AreaIndex<T> {

    private final STRtree tree;

    public AreaIndex(List<T> items, Function<T, Geometry> geometryOf) {
        this.tree = new STRtree();
        for (T item : items) {
            Geometry geometry = geometryOf.apply(item);
            if (geometry.isEmpty()) {
                continue; // an empty area covers nothing
            }
            IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(geometry);
            Coordinate anywhere = geometry.getCoordinate();
            locator.locate(anywhere); // forces the locator to build its index now, not on a query thread
            tree.insert(geometry.getEnvelopeInternal(), new Entry<>(item, locator));
        }
        tree.build();
    }

    /** Calls {@code action} for every item covering the point (x = longitude, y = latitude), in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEachCovering(double x, double y, Consumer<T> action) {
        Coordinate point = new Coordinate(x, y);
        tree.query(new Envelope(x, x, y, y), candidate -> {
            Entry<T> entry = (Entry<T>) candidate;
            if (entry.locator.locate(point) != Location.EXTERIOR) {
                action.accept(entry.item);
            }
        });
    }

    private record Entry<T>(T item, IndexedPointInAreaLocator locator) {
    }
}
