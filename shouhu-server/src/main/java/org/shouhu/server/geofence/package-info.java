/**
 * The geofence engine inside the server: zones and rules stored in PostgreSQL and managed over HTTP, committed
 * positions evaluated off the event loop in fix-time order per device, events raised as zone alerts, and per-device
 * state persisted so a restart neither repeats nor misses an alert. See docs/geofence-operations.md.
 */
package org.shouhu.server.geofence;
