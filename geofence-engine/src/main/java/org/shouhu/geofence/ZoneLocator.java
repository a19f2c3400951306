package org.shouhu.geofence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Answers which zones contain a position. Every implementation has the same semantics: a zone contains a point on
 * its boundary or vertices (closed-set "covers"), a point in a hole is outside, an empty index contains nothing.
 * Implementations are immutable snapshots and thread-safe; see {@link ZoneLocators} for the available ones.
 */
public interface ZoneLocator {

    /** Calls {@code action} once for each zone containing the WGS-84 position, in no particular order. */
    void forEachContaining(double lat, double lon, Consumer<Zone> action);

    /** The zones containing the WGS-84 position, in no particular order. */
    default List<Zone> zonesContaining(double lat, double lon) {
        List<Zone> result = new ArrayList<>(2);
        forEachContaining(lat, lon, result::add);
        return result;
    }

    /** How many zones are indexed. */
    int size();
}
