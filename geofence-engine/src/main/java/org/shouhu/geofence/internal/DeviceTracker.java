package org.shouhu.geofence.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shouhu.geofence.AccuracyBias;
import org.shouhu.geofence.DeviceGeofenceState;
import org.shouhu.geofence.EngineSettings;
import org.shouhu.geofence.Presence;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneMembership;
import org.shouhu.geofence.ZonePolicy;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;

/**
 * The live state of one device and the per-fix decision: which zones the fix's accuracy circle says the device is
 * inside, outside or undecided for, debounced into confirmed transitions, plus danger zones crossed between two
 * fixes. Not thread-safe: the engine serializes calls per device by locking the tracker.
 */
public final class DeviceTracker {

    /** How long a zone the device left is remembered (for arrival deadlines, which look back less than a day). */
    private static final Duration REMEMBER_INSIDE = Duration.ofDays(2);
    /**
     * Two fixes implying a faster straight path than this (180 km/h) are not joined to look for a crossing: one of
     * them is a position glitch, and the straight line between them is no path the child took.
     */
    static final double MAX_CROSSING_SPEED_METRES_PER_SECOND = 50;

    private final DeviceId device;
    private Fix lastFix;
    private final Map<String, ZoneMembership> memberships;
    private final Map<String, LocalDate> deadlinesDone;
    /** Scratch space reused across fixes: zones observed by the current fix and what was observed. */
    private final List<Zone> observedZones = new ArrayList<>(4);
    private final List<Presence> observedPresence = new ArrayList<>(4);

    public DeviceTracker(DeviceId device) {
        this.device = device;
        this.memberships = new HashMap<>(4);
        this.deadlinesDone = new HashMap<>(2);
    }

    public DeviceTracker(DeviceGeofenceState state) {
        this.device = state.device();
        this.lastFix = state.lastFix();
        this.memberships = new HashMap<>(state.memberships());
        this.deadlinesDone = new HashMap<>(state.deadlinesDone());
    }

    public DeviceId device() {
        return device;
    }

    public Fix lastFix() {
        return lastFix;
    }

    /** Whether the fix is newer than every fix applied so far (so it may change live state). */
    public boolean isInOrder(Fix fix) {
        return lastFix == null || fix.time().isAfter(lastFix.time());
    }

    /**
     * Applies a fix newer than all before it; appends the confirmed transitions to {@code out}.
     */
    public void applyInOrder(Fix fix, Catalog catalog, EngineSettings settings, List<Transition> out) {
        Fix previous = lastFix;
        lastFix = fix;
        if (fix.accuracyMetres() > settings.maxAccuracyMetres()) {
            return; // too coarse to decide anything, in or out
        }
        observe(fix, catalog, settings);
        for (int i = 0; i < observedZones.size(); i++) {
            Zone zone = observedZones.get(i);
            update(zone, observedPresence.get(i), fix, settings.policy(zone.kind()), out);
        }
        if (!memberships.isEmpty()) {
            observeOutside(fix, catalog, settings, out);
        }
        if (previous != null) {
            detectCrossings(previous, fix, catalog, settings, out);
        }
    }

    /** The zones the device stands in but whose accuracy circle this fix does not touch: wholly outside. */
    private void observeOutside(Fix fix, Catalog catalog, EngineSettings settings, List<Transition> out) {
        List<String> vanished = null;
        for (Map.Entry<String, ZoneMembership> entry : memberships.entrySet()) {
            if (isObserved(entry.getKey())) {
                continue;
            }
            Zone zone = catalog.zone(entry.getKey());
            if (zone == null || !zone.serves(device)) {
                vanished = vanished == null ? new ArrayList<>() : vanished;
                vanished.add(entry.getKey());
                continue;
            }
            ZoneMembership before = entry.getValue();
            ZoneMembership after = PresenceDebouncer.observe(before, Presence.OUTSIDE, fix.time(),
                    settings.policy(zone.kind()));
            entry.setValue(after);
            if (after.confirmed() != before.confirmed()) {
                out.add(new Transition(zone, after.confirmed(), fix, false));
            }
        }
        if (vanished != null) {
            vanished.forEach(memberships::remove); // deleted zones, or zones that no longer serve the device
        }
        Instant forgetBefore = fix.time().minus(REMEMBER_INSIDE);
        memberships.values().removeIf(m -> m.isTrivial() || (m.confirmed() == Presence.OUTSIDE
                && m.pending() == Presence.UNKNOWN && m.lastInsideAt().isBefore(forgetBefore)));
    }

    /**
     * Applies a fix older than the newest one: it only completes the history (the device was seen inside a zone
     * then, which satisfies an arrival deadline); it never changes the live presence or raises a transition.
     */
    public boolean applyOutOfOrder(Fix fix, Catalog catalog, EngineSettings settings) {
        if (fix.accuracyMetres() > settings.maxAccuracyMetres()) {
            return false;
        }
        observedZones.clear();
        observedPresence.clear();
        catalog.index().forEachWhollyInside(fix.latitude(), fix.longitude(), fix.accuracyMetres(), zone -> {
            if (zone.serves(device)) {
                observedZones.add(zone);
            }
        });
        boolean changed = false;
        for (Zone zone : observedZones) {
            ZoneMembership m = memberships.getOrDefault(zone.id(), ZoneMembership.OUTSIDE);
            if (m.lastInsideAt() == null || fix.time().isAfter(m.lastInsideAt())) {
                memberships.put(zone.id(), new ZoneMembership(m.confirmed(), m.pending(), m.pendingFixes(),
                        m.pendingSince(), fix.time()));
                changed = true;
            }
        }
        return changed;
    }

    private void observe(Fix fix, Catalog catalog, EngineSettings settings) {
        observedZones.clear();
        observedPresence.clear();
        int accuracy = fix.accuracyMetres();
        if (accuracy > catalog.index().nearMetres() && onlyDangerMayBePossiblyInside(settings, accuracy)) {
            observeWide(fix, catalog, settings);
            return;
        }
        catalog.index().forEachNear(fix.latitude(), fix.longitude(), accuracy, (zone, whollyInside) -> {
            if (!zone.serves(device)) {
                return;
            }
            Presence presence;
            if (whollyInside) {
                presence = Presence.INSIDE;
            } else if (settings.policy(zone.kind()).bias() == AccuracyBias.POSSIBLY_INSIDE
                    && accuracy <= settings.possiblyInsideMaxAccuracy()) {
                presence = Presence.INSIDE;
            } else {
                presence = Presence.UNKNOWN;
            }
            observedZones.add(zone);
            observedPresence.add(presence);
        });
    }

    /** Whether a straddled zone of any kind but danger is read as unknown at this accuracy (the default). */
    private static boolean onlyDangerMayBePossiblyInside(EngineSettings settings, int accuracy) {
        if (accuracy > settings.possiblyInsideMaxAccuracy()) {
            return true;
        }
        for (ZoneKind kind : ZoneKind.values()) {
            if (kind != ZoneKind.DANGER && settings.policy(kind).bias() == AccuracyBias.POSSIBLY_INSIDE) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a wide accuracy circle (a Wi-Fi or cell fix) observes, when only danger zones may read a straddling circle
     * as inside. A straddled zone of another kind is then UNKNOWN, and an UNKNOWN observation changes nothing, except
     * that a zone the device stands in and the circle touches is not observed outside. So only the zones wholly
     * containing the circle, the danger zones it touches, and of the zones the device stands in those it touches are
     * looked up, not the dozens of homes and schools a wide circle touches: the decisions are those of observing every
     * touched zone (as {@code CoarseFixDecisionTest} checks).
     */
    private void observeWide(Fix fix, Catalog catalog, EngineSettings settings) {
        double lat = fix.latitude();
        double lon = fix.longitude();
        int accuracy = fix.accuracyMetres();
        catalog.index().forEachWhollyInside(lat, lon, accuracy, zone -> {
            if (zone.serves(device)) {
                observedZones.add(zone);
                observedPresence.add(Presence.INSIDE);
            }
        });
        catalog.index().forEachDangerNear(lat, lon, accuracy, (zone, whollyInside) -> {
            if (whollyInside || !zone.serves(device)) {
                return; // those wholly inside are observed already
            }
            observedZones.add(zone);
            observedPresence.add(settings.policy(zone.kind()).bias() == AccuracyBias.POSSIBLY_INSIDE
                    && accuracy <= settings.possiblyInsideMaxAccuracy() ? Presence.INSIDE : Presence.UNKNOWN);
        });
        for (String zoneId : memberships.keySet()) {
            Zone zone = catalog.zone(zoneId);
            if (zone != null && zone.serves(device) && !isObserved(zoneId)
                    && catalog.index().circleTouches(zoneId, lat, lon, accuracy)) {
                observedZones.add(zone);
                observedPresence.add(Presence.UNKNOWN);
            }
        }
    }

    private boolean isObserved(String zoneId) {
        for (Zone zone : observedZones) {
            if (zone.id().equals(zoneId)) {
                return true;
            }
        }
        return false;
    }

    private void update(Zone zone, Presence observed, Fix fix, ZonePolicy policy, List<Transition> out) {
        ZoneMembership before = memberships.getOrDefault(zone.id(), ZoneMembership.OUTSIDE);
        ZoneMembership after = PresenceDebouncer.observe(before, observed, fix.time(), policy);
        if (after != before) {
            memberships.put(zone.id(), after);
        }
        if (after.confirmed() != before.confirmed()) {
            out.add(new Transition(zone, after.confirmed(), fix, false));
        }
    }

    /** Danger zones the straight path from the previous fix crossed although neither fix was inside them. */
    private void detectCrossings(Fix previous, Fix fix, Catalog catalog, EngineSettings settings,
                                 List<Transition> out) {
        if (!previous.hasPosition() || previous.accuracyMetres() > settings.crossingMaxAccuracy()
                || fix.accuracyMetres() > settings.crossingMaxAccuracy()
                || (previous.latitude() == fix.latitude() && previous.longitude() == fix.longitude())) {
            return;
        }
        Duration gap = Duration.between(previous.time(), fix.time());
        if (gap.compareTo(settings.crossingMaxGap()) > 0) {
            return;
        }
        double seconds = Math.max(1, gap.toMillis() / 1000.0);
        if (approximateMetres(previous, fix) > MAX_CROSSING_SPEED_METRES_PER_SECOND * seconds) {
            return;
        }
        catalog.index().forEachDangerCrossed(previous.latitude(), previous.longitude(), fix.latitude(),
                fix.longitude(), zone -> {
                    if (!zone.serves(device) || isObservedInside(zone.id())) {
                        return;
                    }
                    ZoneMembership m = memberships.getOrDefault(zone.id(), ZoneMembership.OUTSIDE);
                    if (m.confirmed() == Presence.OUTSIDE) {
                        out.add(new Transition(zone, Presence.INSIDE, fix, true));
                    }
                });
    }

    /** Equirectangular distance, within 0.5 % over the tens of kilometres this check compares. */
    private static double approximateMetres(Fix a, Fix b) {
        double north = (b.latitude() - a.latitude()) * 110_950;
        double east = (b.longitude() - a.longitude()) * 111_320
                * Math.cos(Math.toRadians((a.latitude() + b.latitude()) / 2));
        return Math.hypot(north, east);
    }

    private boolean isObservedInside(String zoneId) {
        for (int i = 0; i < observedZones.size(); i++) {
            if (observedZones.get(i).id().equals(zoneId) && observedPresence.get(i) != Presence.OUTSIDE) {
                return true;
            }
        }
        return false;
    }

    /** The standing in a zone ({@link ZoneMembership#OUTSIDE} when none is recorded). */
    public ZoneMembership membership(String zoneId) {
        return memberships.getOrDefault(zoneId, ZoneMembership.OUTSIDE);
    }

    /** The last local date whose deadline this rule decided, or null. */
    public LocalDate deadlineDone(String ruleId) {
        return deadlinesDone.get(ruleId);
    }

    public void markDeadlineDone(String ruleId, LocalDate day) {
        deadlinesDone.put(ruleId, day);
    }

    /** A persistent copy of the state. */
    public DeviceGeofenceState snapshot() {
        // Map.copyOf allocates even for an empty map; most devices stand in no zone and have no deadline
        return new DeviceGeofenceState(device, lastFix, memberships.isEmpty() ? Map.of() : memberships,
                deadlinesDone.isEmpty() ? Map.of() : deadlinesDone);
    }
}
