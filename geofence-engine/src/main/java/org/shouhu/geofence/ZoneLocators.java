package org.shouhu.geofence;

import java.util.List;
import org.shouhu.geofence.internal.GridSettings;
import org.shouhu.geofence.internal.NaiveZoneLocator;
import org.shouhu.geofence.internal.StrTreeZoneLocator;
import org.shouhu.geofence.internal.ZoneIndex;

/** The containment implementations, all with the same {@link ZoneLocator} contract. */
public final class ZoneLocators {

    private ZoneLocators() {
    }

    /** Tests every zone: linear time; the reference and the baseline. */
    public static ZoneLocator naive(List<Zone> zones) {
        return new NaiveZoneLocator(zones);
    }

    /** An R-tree of envelopes and a prepared geometry per zone. */
    public static ZoneLocator strTree(List<Zone> zones) {
        return new StrTreeZoneLocator(zones);
    }

    /** The engine's index: a multi-level grid of precomputed interior cells in front of exact tests. */
    public static ZoneLocator grid(List<Zone> zones) {
        return new ZoneIndex(zones, GridSettings.DEFAULT);
    }
}
