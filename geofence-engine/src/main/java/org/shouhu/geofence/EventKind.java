package org.shouhu.geofence;

/** The kind of a {@link GeofenceEvent}, for serialization and metrics; each matches one event record. */
public enum EventKind {
    LEFT_ZONE,
    ENTERED_DANGER_ZONE,
    MISSED_ARRIVAL,
    CURFEW_MISSED,
    ENTERED_ZONE,
    EXITED_ZONE
}
