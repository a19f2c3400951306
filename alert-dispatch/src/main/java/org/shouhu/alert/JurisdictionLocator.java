package org.shouhu.alert;

import java.util.Optional;

/**
 * Finds the police jurisdiction containing a position. Implemented by the server over the geofence engine's
 * jurisdiction polygons. Called on a worker thread; must be thread-safe.
 */
public interface JurisdictionLocator {

    /** The jurisdiction containing the WGS-84 position, empty when it lies outside all of them. */
    Optional<PoliceJurisdiction> locate(double latitude, double longitude);
}
