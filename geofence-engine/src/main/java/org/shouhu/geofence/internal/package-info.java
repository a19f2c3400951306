/**
 * Machinery behind the public geofence API: GeoJSON geometry parsing, datum conversion, metric frames, spatial
 * indexes and the per-device state machine. Not a public API; may change without notice.
 */
package org.shouhu.geofence.internal;
