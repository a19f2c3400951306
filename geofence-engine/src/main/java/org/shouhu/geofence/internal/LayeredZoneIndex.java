package org.shouhu.geofence.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneLocator;
import org.shouhu.protocol.DeviceId;

/**
 * The zone index evaluation reads: a large main {@link ZoneIndex}, packed once, and a small overlay index of the zones
 * changed since, consulted together. The main index answers for its zones that are still current (the same
 * {@link Zone} instance); zones added or redrawn since, and only they, are in the overlay; removed and redrawn zones
 * are hidden in the main one. So a zone change costs a pass over the zone ids and a build of the overlay's few zones,
 * milliseconds, where repacking the main table of 100,000 zones takes seconds; {@link #folded} does that repack, off
 * the evaluation path, and answers exactly the same.
 *
 * <p>Every answer is exactly that of a single {@link ZoneIndex} of the current zones (the contract tests compare
 * them). Immutable and thread-safe.
 */
public final class LayeredZoneIndex implements ZoneLocator {

    /** An overlay of more zones than this (and than an eighth of all) is packed into the main tables at once. */
    private static final int FOLD_AT_ONCE = 1_000;

    private final ZoneIndex main;
    private final ZoneIndex overlay;

    private LayeredZoneIndex(ZoneIndex main, ZoneIndex overlay) {
        this.main = main;
        this.overlay = overlay;
    }

    /** One index of the zones, with an empty overlay (a full build). */
    public static LayeredZoneIndex of(List<Zone> zones, GridSettings settings) {
        return new LayeredZoneIndex(new ZoneIndex(zones, settings), new ZoneIndex(List.of(), settings));
    }

    /**
     * The index of the {@code current} zones (by id), of which only those with the {@code changed} ids (added,
     * redrawn or removed) differ from the zones this index answers for: each of them is hidden in the main tables
     * unless it is still the same zone there, and put into the overlay (or taken out of it). Costs the changed zones
     * and a copy of one flag per zone, whatever the number of zones. Past an overlay of an eighth of the zones (a
     * first load, a bulk import) it packs them all into new main tables instead, as {@link #folded} does.
     */
    public LayeredZoneIndex with(Map<String, Zone> current, Collection<String> changed) {
        if (overlay.size() + changed.size() > Math.max(FOLD_AT_ONCE, current.size() / 8)) {
            return folded(current.values());
        }
        Map<String, Boolean> hide = new HashMap<>();
        Map<String, Zone> inOverlay = new java.util.LinkedHashMap<>();
        for (Zone zone : overlay.visibleZones()) {
            inOverlay.put(zone.id(), zone);
        }
        for (String id : changed) {
            Zone now = current.get(id);
            Zone packed = main.tableZone(id);
            if (packed != null) {
                hide.put(id, now != packed);
            }
            if (now != null && now != packed) {
                inOverlay.put(id, now);
            } else {
                inOverlay.remove(id);
            }
        }
        return new LayeredZoneIndex(main.withHiddenById(hide), overlay.withZones(List.copyOf(inOverlay.values())));
    }

    /**
     * The index of {@code current} zones (by id) that keeps this one's main tables: main zones no longer current are
     * hidden, and the overlay is rebuilt of the current zones the main tables lack, reusing the compiled cells of
     * those already in the overlay: a pass over every zone, for rebasing a catalog on newly packed tables. When that
     * is a large share of the zones, it packs them all into new main tables instead, as {@link #folded} does.
     */
    public LayeredZoneIndex with(Collection<Zone> current) {
        Map<String, Zone> byId = new HashMap<>(current.size() * 2);
        List<Zone> changed = new ArrayList<>();
        for (Zone zone : current) {
            byId.put(zone.id(), zone);
            if (main.tableZone(zone.id()) != zone) {
                changed.add(zone);
            }
        }
        if (changed.size() > Math.max(FOLD_AT_ONCE, current.size() / 8)) {
            return folded(current);
        }
        ZoneIndex visible = main.withHidden(zone -> byId.get(zone.id()) == zone);
        return new LayeredZoneIndex(visible, overlay.withZones(changed));
    }

    /**
     * The same zones in one freshly packed main index and an empty overlay, reusing the compiled cells of every zone
     * in either. Takes seconds for 100,000 zones; meant to run off the evaluation path.
     */
    public LayeredZoneIndex folded(Collection<Zone> current) {
        return new LayeredZoneIndex(main.withZones(List.copyOf(current), overlay),
                new ZoneIndex(List.of(), main.settings()));
    }

    /** The accuracy radius up to which the grid cells alone answer proximity (see {@link GridSettings#nearMetres()}). */
    public double nearMetres() {
        return main.settings().nearMetres();
    }

    /** How many zones the overlay holds: changes not yet folded into the main tables. */
    public int overlaySize() {
        return overlay.size();
    }

    @Override
    public void forEachContaining(double lat, double lon, Consumer<Zone> action) {
        main.forEachContaining(lat, lon, action);
        overlay.forEachContaining(lat, lon, action);
    }

    /** See {@link ZoneIndex#forEachNear}. */
    public void forEachNear(double lat, double lon, double radiusMetres, ZoneIndex.ProximityVisitor visitor) {
        main.forEachNear(lat, lon, radiusMetres, visitor);
        overlay.forEachNear(lat, lon, radiusMetres, visitor);
    }

    /** See {@link ZoneIndex#forEachNear(double, double, double, DeviceId, ZoneIndex.ProximityVisitor)}. */
    public void forEachNear(double lat, double lon, double radiusMetres, DeviceId device,
                            ZoneIndex.ProximityVisitor visitor) {
        main.forEachNear(lat, lon, radiusMetres, device, visitor);
        overlay.forEachNear(lat, lon, radiusMetres, device, visitor);
    }

    /** See {@link ZoneIndex#forEachWhollyInside(double, double, double, DeviceId, Consumer)}. */
    public void forEachWhollyInside(double lat, double lon, double radiusMetres, DeviceId device,
                                    Consumer<Zone> action) {
        main.forEachWhollyInside(lat, lon, radiusMetres, device, action);
        overlay.forEachWhollyInside(lat, lon, radiusMetres, device, action);
    }

    /** See {@link ZoneIndex#forEachDangerNear(double, double, double, DeviceId, ZoneIndex.ProximityVisitor)}. */
    public void forEachDangerNear(double lat, double lon, double radiusMetres, DeviceId device,
                                  ZoneIndex.ProximityVisitor visitor) {
        main.forEachDangerNear(lat, lon, radiusMetres, device, visitor);
        overlay.forEachDangerNear(lat, lon, radiusMetres, device, visitor);
    }

    /** See {@link ZoneIndex#forEachDangerCrossed(double, double, double, double, DeviceId, Consumer)}. */
    public void forEachDangerCrossed(double lat1, double lon1, double lat2, double lon2, DeviceId device,
                                     Consumer<Zone> action) {
        main.forEachDangerCrossed(lat1, lon1, lat2, lon2, device, action);
        overlay.forEachDangerCrossed(lat1, lon1, lat2, lon2, device, action);
    }

    /** See {@link ZoneIndex#forEachWhollyInside}. */
    public void forEachWhollyInside(double lat, double lon, double radiusMetres, Consumer<Zone> action) {
        main.forEachWhollyInside(lat, lon, radiusMetres, action);
        overlay.forEachWhollyInside(lat, lon, radiusMetres, action);
    }

    /** See {@link ZoneIndex#forEachDangerNear}. */
    public void forEachDangerNear(double lat, double lon, double radiusMetres, ZoneIndex.ProximityVisitor visitor) {
        main.forEachDangerNear(lat, lon, radiusMetres, visitor);
        overlay.forEachDangerNear(lat, lon, radiusMetres, visitor);
    }

    /** Whether the accuracy circle touches the zone (false for a zone the index does not hold). */
    public boolean circleTouches(String zoneId, double lat, double lon, double radiusMetres) {
        Boolean inMain = main.circleTouches(zoneId, lat, lon, radiusMetres);
        if (inMain != null) {
            return inMain;
        }
        Boolean inOverlay = overlay.circleTouches(zoneId, lat, lon, radiusMetres);
        return inOverlay != null && inOverlay;
    }

    /** See {@link ZoneIndex#forEachDangerCrossed}. */
    public void forEachDangerCrossed(double lat1, double lon1, double lat2, double lon2, Consumer<Zone> action) {
        main.forEachDangerCrossed(lat1, lon1, lat2, lon2, action);
        overlay.forEachDangerCrossed(lat1, lon1, lat2, lon2, action);
    }

    @Override
    public int size() {
        return main.size() + overlay.size();
    }
}
