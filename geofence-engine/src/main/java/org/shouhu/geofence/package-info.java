/**
 * Geofences for the wristbands: police jurisdictions, zones (home, school, danger, custom), schedules, rules, and
 * the {@link org.shouhu.geofence.GeofenceEngine} that turns fixes into alerts. Pure logic on JTS and proj4j: no I/O,
 * no threads of its own. Persistence of per-device state is the {@link org.shouhu.geofence.GeofenceStateStore}
 * interface, implemented by the server.
 */
package org.shouhu.geofence;
