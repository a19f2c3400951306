package org.shouhu.geofence.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.function.IntPredicate;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneMembership;
import org.shouhu.protocol.DeviceId;

/**
 * A device's standing per zone, in three small parallel arrays (zone id, the zone itself, the standing) rather than a
 * map: a device stands in a handful of zones at most, and every fix walks them all, so a linear scan over a few
 * references costs less than hashing, and it reads no catalog map when the zones have not changed.
 *
 * <p>Each standing keeps the {@link Zone} it refers to in the catalog it was last resolved against (see
 * {@link #resolve}): the zone with that id if it still serves the device, null if it was removed or no longer serves
 * it. Zones found by the catalog's index are the catalog's own instances, so once resolved a standing is found by the
 * identity of its zone. Not thread-safe: owned by one {@link DeviceTracker}.
 */
final class Standings {

    private static final String[] NO_IDS = new String[0];
    private static final Zone[] NO_ZONES = new Zone[0];
    private static final ZoneMembership[] NO_MEMBERSHIPS = new ZoneMembership[0];

    private String[] ids = NO_IDS;
    private Zone[] zones = NO_ZONES;
    private ZoneMembership[] memberships = NO_MEMBERSHIPS;
    private int size;
    /** The catalog zones ({@link Catalog#zonesVersion()}) the zones were resolved against; null when never. */
    private Object resolvedAgainst;
    /** An immutable copy of the standings, kept until they change; null when not made since the last change. */
    private Map<String, ZoneMembership> copy = Map.of();

    Standings() {
    }

    Standings(Map<String, ZoneMembership> initial) {
        ids = initial.keySet().toArray(NO_IDS);
        memberships = new ZoneMembership[ids.length];
        zones = new Zone[ids.length];
        for (int i = 0; i < ids.length; i++) {
            memberships[i] = initial.get(ids[i]);
        }
        size = ids.length;
        copy = Map.copyOf(initial);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Makes every standing's zone the catalog's zone of that id, or null when the catalog has none or it does not
     * serve the device. Costs a lookup per standing only when the catalog's zones changed since the last call.
     */
    void resolve(Catalog catalog, DeviceId device) {
        Object version = catalog.zonesVersion();
        if (version == resolvedAgainst) {
            return;
        }
        for (int i = 0; i < size; i++) {
            Zone zone = catalog.zone(ids[i]);
            zones[i] = zone != null && zone.serves(device) ? zone : null;
        }
        resolvedAgainst = version;
    }

    /** The position of the standing in this zone of the resolved catalog, or -1 when there is none. */
    int indexOf(Zone zone) {
        for (int i = 0; i < size; i++) {
            if (zones[i] == zone) {
                return i;
            }
        }
        return -1;
    }

    /** The position of the standing with this zone id, or -1. */
    int indexOf(String zoneId) {
        for (int i = 0; i < size; i++) {
            if (ids[i].equals(zoneId)) {
                return i;
            }
        }
        return -1;
    }

    /** The zone of standing i in the resolved catalog, or null when it is gone or no longer serves the device. */
    Zone zone(int i) {
        return zones[i];
    }

    ZoneMembership membership(int i) {
        return memberships[i];
    }

    /** The standing in the zone with this id, {@link ZoneMembership#OUTSIDE} when none is recorded. */
    ZoneMembership membership(String zoneId) {
        int i = indexOf(zoneId);
        return i < 0 ? ZoneMembership.OUTSIDE : memberships[i];
    }

    void set(int i, ZoneMembership membership) {
        if (memberships[i] != membership) {
            memberships[i] = membership;
            copy = null;
        }
    }

    /** Records a standing in a zone of the resolved catalog that has none yet. */
    void add(Zone zone, ZoneMembership membership) {
        if (size == ids.length) {
            int capacity = Math.max(2, 2 * size);
            ids = Arrays.copyOf(ids, capacity);
            zones = Arrays.copyOf(zones, capacity);
            memberships = Arrays.copyOf(memberships, capacity);
        }
        ids[size] = zone.id();
        zones[size] = zone;
        memberships[size] = membership;
        size++;
        copy = null;
    }

    /** Forgets the standings {@code forget} accepts, given their position. */
    void removeIf(IntPredicate forget) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (forget.test(i)) {
                continue;
            }
            ids[kept] = ids[i];
            zones[kept] = zones[i];
            memberships[kept] = memberships[i];
            kept++;
        }
        if (kept != size) {
            Arrays.fill(ids, kept, size, null);
            Arrays.fill(zones, kept, size, null);
            Arrays.fill(memberships, kept, size, null);
            size = kept;
            copy = null;
        }
    }

    /** The standings as an immutable map, the same instance as long as they do not change. */
    Map<String, ZoneMembership> asMap() {
        if (copy == null) {
            copy = switch (size) {
                case 0 -> Map.of();
                case 1 -> Map.of(ids[0], memberships[0]);
                case 2 -> Map.of(ids[0], memberships[0], ids[1], memberships[1]);
                default -> {
                    @SuppressWarnings("unchecked")
                    Map.Entry<String, ZoneMembership>[] entries = new Map.Entry[size];
                    for (int i = 0; i < size; i++) {
                        entries[i] = Map.entry(ids[i], memberships[i]);
                    }
                    yield Map.ofEntries(entries);
                }
            };
        }
        return copy;
    }
}
