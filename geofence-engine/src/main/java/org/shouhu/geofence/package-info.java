/**
 * Geofences for the wristbands: police jurisdictions, zones (home, school, danger, custom), schedules, rules, and
 * the {@link org.shouhu.geofence.GeofenceEngine} that turns fixes into alerts. Pure logic on JTS and proj4j: no I/O,
 * no threads of its own.
 *
 * <p>Using it from a server:
 * <ol>
 *   <li>Construct: {@code new GeofenceEngine(Clock, EngineSettings.DEFAULT, GeofenceStateStore)}; the engine loads
 *       every device's {@link org.shouhu.geofence.DeviceGeofenceState} from the store once, and saves a device's state
 *       after each evaluation that changed it.</li>
 *   <li>Zones and rules, at any time, while evaluation goes on: {@code putZones(Collection<Zone>)} or
 *       {@code putZones(String geoJson)} (add or replace by id), {@code removeZone(id)}, {@code zone(id)},
 *       {@code zones()}, {@code zonesGeoJson()}; {@code putRules(...)}, {@code removeRule(id)}, {@code rules()},
 *       {@code rulesJson()}. Formats: {@link org.shouhu.geofence.ZoneGeoJson}, {@link org.shouhu.geofence.RuleJson}.</li>
 *   <li>Evaluate: {@code onFix(DeviceId, Fix, boolean late)} per fix, {@code onFixes(DeviceId, List<Fix>)} for a
 *       batch uploaded after being offline, {@code onTick()} every few seconds for the deadline rules. Each returns
 *       the {@link org.shouhu.geofence.GeofenceEvent}s to deliver (a sealed interface: LeftZone, EnteredDangerZone,
 *       MissedArrival, CurfewMissed, EnteredZone, ExitedZone), each naming its rule, zone, device, deciding fix and
 *       guardians.</li>
 *   <li>Persist: implement {@link org.shouhu.geofence.GeofenceStateStore} ({@code loadAll()}, {@code save(state)});
 *       {@link org.shouhu.geofence.InMemoryGeofenceStateStore} serves tests.</li>
 * </ol>
 * Containment alone is {@link org.shouhu.geofence.ZoneLocator}, with implementations in
 * {@link org.shouhu.geofence.ZoneLocators}. docs/geofence.md describes the decisions and the measured speed.
 */
package org.shouhu.geofence;
