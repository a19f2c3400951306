package org.shouhu.server.geofence;

/** The geofence tables could not be read or written; retriable (nothing was changed). */
public final class GeofenceStoreException extends RuntimeException {

    public GeofenceStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
