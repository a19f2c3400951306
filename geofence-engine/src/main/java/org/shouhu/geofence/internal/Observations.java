package org.shouhu.geofence.internal;

import java.util.Arrays;
import org.shouhu.geofence.Presence;
import org.shouhu.geofence.Zone;

/**
 * The zones one fix observes and what it observed in each: scratch space of one evaluation, made afresh for it (a
 * few words of young memory, cheaper than reaching the device's old copies). Zones are compared by identity: they
 * all come from one catalog's index, which holds one instance per zone. Not thread-safe.
 */
final class Observations {

    private Zone[] zones = new Zone[4];
    private Presence[] presence = new Presence[4];
    private int size;

    void add(Zone zone, Presence observed) {
        if (size == zones.length) {
            zones = Arrays.copyOf(zones, 2 * size);
            presence = Arrays.copyOf(presence, 2 * size);
        }
        zones[size] = zone;
        presence[size] = observed;
        size++;
    }

    int size() {
        return size;
    }

    Zone zone(int i) {
        return zones[i];
    }

    Presence presence(int i) {
        return presence[i];
    }

    /** Whether the fix observed this zone, whatever it observed. */
    boolean contains(Zone zone) {
        for (int i = 0; i < size; i++) {
            if (zones[i] == zone) {
                return true;
            }
        }
        return false;
    }

    /** Whether the fix observed this zone as anything but outside (inside, or unknown: straddled). */
    boolean containsNotOutside(Zone zone) {
        for (int i = 0; i < size; i++) {
            if (zones[i] == zone && presence[i] != Presence.OUTSIDE) {
                return true;
            }
        }
        return false;
    }
}
