package org.shouhu.geofence;

/** Where a device is with respect to one zone, as far as the fixes allow saying. */
public enum Presence {
    INSIDE,
    OUTSIDE,
    /** The fix's accuracy circle straddles the boundary, or the fix is too coarse: no decision. */
    UNKNOWN
}
