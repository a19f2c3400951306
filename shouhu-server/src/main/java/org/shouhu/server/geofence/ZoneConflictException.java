package org.shouhu.server.geofence;

/** A zone or rule was to be created with an id that is taken. Permanent; change it with PUT instead. */
public final class ZoneConflictException extends RuntimeException {

    public ZoneConflictException(String message) {
        super(message);
    }
}
