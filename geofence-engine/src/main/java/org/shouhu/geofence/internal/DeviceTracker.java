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
    /*
     * The last fix's time, position and accuracy, copied into the tracker: every fix compares its time with them and
     * joins its position to them, and reading them here spares reaching the last fix and its Instant (two more cache
     * misses a fix at 100,000 devices).
     */
    private long lastSecond;
    private int lastNano;
    private double lastLatitude;
    private double lastLongitude;
    private int lastAccuracy;
    private boolean lastHasPosition;
    private final Standings standings;
    private final Map<String, LocalDate> deadlinesDone;

    public DeviceTracker(DeviceId device) {
        this.device = device;
        this.standings = new Standings();
        this.deadlinesDone = new HashMap<>(2);
    }

    public DeviceTracker(DeviceGeofenceState state) {
        this.device = state.device();
        if (state.lastFix() != null) {
            remember(state.lastFix());
        }
        this.standings = new Standings(state.memberships());
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
        long second = fix.time().getEpochSecond();
        return lastFix == null || second > lastSecond || (second == lastSecond && fix.time().getNano() > lastNano);
    }

    private void remember(Fix fix) {
        lastFix = fix;
        lastSecond = fix.time().getEpochSecond();
        lastNano = fix.time().getNano();
        lastLatitude = fix.latitude();
        lastLongitude = fix.longitude();
        lastAccuracy = fix.accuracyMetres();
        lastHasPosition = fix.hasPosition();
    }

    /**
     * Applies a fix newer than all before it; appends the confirmed transitions to {@code out}.
     */
    public void applyInOrder(Fix fix, Catalog catalog, EngineSettings settings, List<Transition> out) {
        boolean hasPrevious = lastFix != null;
        if (fix.accuracyMetres() > settings.maxAccuracyMetres()) {
            remember(fix);
            return; // too coarse to decide anything, in or out
        }
        standings.resolve(catalog, device);
        Observations observed = observe(fix, catalog, settings);
        for (int i = 0; i < observed.size(); i++) {
            Zone zone = observed.zone(i);
            update(zone, observed.presence(i), fix, settings.policy(zone.kind()), out);
        }
        if (!standings.isEmpty()) {
            observeOutside(fix, observed, settings, out);
        }
        if (hasPrevious) {
            detectCrossings(fix, catalog, settings, observed, out);
        }
        remember(fix);
    }

    /** The zones the device stands in but whose accuracy circle this fix does not touch: wholly outside. */
    private void observeOutside(Fix fix, Observations observed, EngineSettings settings, List<Transition> out) {
        boolean vanished = false;
        for (int i = 0; i < standings.size(); i++) {
            Zone zone = standings.zone(i);
            if (zone == null) {
                vanished = true; // a deleted zone, or one that no longer serves the device
                continue;
            }
            if (observed.contains(zone)) {
                continue;
            }
            ZoneMembership before = standings.membership(i);
            ZoneMembership after = PresenceDebouncer.observe(before, Presence.OUTSIDE, fix.time(),
                    settings.policy(zone.kind()));
            standings.set(i, after);
            if (after.confirmed() != before.confirmed()) {
                out.add(new Transition(zone, after.confirmed(), fix, false));
            }
        }
        Instant forgetBefore = fix.time().minus(REMEMBER_INSIDE);
        boolean anyVanished = vanished;
        standings.removeIf(i -> (anyVanished && standings.zone(i) == null) || isForgotten(standings.membership(i),
                forgetBefore));
    }

    /** Whether a standing carries nothing worth keeping: trivial, or outside and last inside too long ago. */
    private static boolean isForgotten(ZoneMembership m, Instant forgetBefore) {
        return m.isTrivial() || (m.confirmed() == Presence.OUTSIDE && m.pending() == Presence.UNKNOWN
                && m.lastInsideAt().isBefore(forgetBefore));
    }

    /**
     * Applies a fix older than the newest one: it only completes the history (the device was seen inside a zone
     * then, which satisfies an arrival deadline); it never changes the live presence or raises a transition.
     */
    public boolean applyOutOfOrder(Fix fix, Catalog catalog, EngineSettings settings) {
        if (fix.accuracyMetres() > settings.maxAccuracyMetres()) {
            return false;
        }
        standings.resolve(catalog, device);
        List<Zone> inside = new ArrayList<>(2);
        catalog.index().forEachWhollyInside(fix.latitude(), fix.longitude(), fix.accuracyMetres(), device,
                inside::add);
        boolean changed = false;
        for (Zone zone : inside) {
            int i = standings.indexOf(zone);
            ZoneMembership m = i < 0 ? ZoneMembership.OUTSIDE : standings.membership(i);
            if (m.lastInsideAt() == null || fix.time().isAfter(m.lastInsideAt())) {
                ZoneMembership seen = new ZoneMembership(m.confirmed(), m.pending(), m.pendingFixes(),
                        m.pendingSince(), fix.time());
                if (i < 0) {
                    standings.add(zone, seen);
                } else {
                    standings.set(i, seen);
                }
                changed = true;
            }
        }
        return changed;
    }

    private Observations observe(Fix fix, Catalog catalog, EngineSettings settings) {
        Observations observed = new Observations();
        int accuracy = fix.accuracyMetres();
        if (accuracy > catalog.index().nearMetres() && onlyDangerMayBePossiblyInside(settings, accuracy)) {
            observeWide(fix, catalog, settings, observed);
            return observed;
        }
        catalog.index().forEachNear(fix.latitude(), fix.longitude(), accuracy, device, (zone, whollyInside) -> {
            Presence presence;
            if (whollyInside) {
                presence = Presence.INSIDE;
            } else if (settings.policy(zone.kind()).bias() == AccuracyBias.POSSIBLY_INSIDE
                    && accuracy <= settings.possiblyInsideMaxAccuracy()) {
                presence = Presence.INSIDE;
            } else {
                presence = Presence.UNKNOWN;
            }
            observed.add(zone, presence);
        });
        return observed;
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
    private void observeWide(Fix fix, Catalog catalog, EngineSettings settings, Observations observed) {
        double lat = fix.latitude();
        double lon = fix.longitude();
        int accuracy = fix.accuracyMetres();
        catalog.index().forEachWhollyInside(lat, lon, accuracy, device, zone -> observed.add(zone, Presence.INSIDE));
        catalog.index().forEachDangerNear(lat, lon, accuracy, device, (zone, whollyInside) -> {
            if (whollyInside) {
                return; // those wholly inside are observed already
            }
            observed.add(zone, settings.policy(zone.kind()).bias() == AccuracyBias.POSSIBLY_INSIDE
                    && accuracy <= settings.possiblyInsideMaxAccuracy() ? Presence.INSIDE : Presence.UNKNOWN);
        });
        for (int i = 0; i < standings.size(); i++) {
            Zone zone = standings.zone(i);
            if (zone != null && !observed.contains(zone)
                    && catalog.index().circleTouches(zone.id(), lat, lon, accuracy)) {
                observed.add(zone, Presence.UNKNOWN);
            }
        }
    }

    private void update(Zone zone, Presence observed, Fix fix, ZonePolicy policy, List<Transition> out) {
        int i = standings.indexOf(zone);
        ZoneMembership before = i < 0 ? ZoneMembership.OUTSIDE : standings.membership(i);
        ZoneMembership after = PresenceDebouncer.observe(before, observed, fix.time(), policy);
        if (after != before) {
            if (i < 0) {
                standings.add(zone, after);
            } else {
                standings.set(i, after);
            }
        }
        if (after.confirmed() != before.confirmed()) {
            out.add(new Transition(zone, after.confirmed(), fix, false));
        }
    }

    /**
     * Danger zones the straight path from the previous fix (the one {@link #remember}ed last) crossed although
     * neither fix was inside them.
     */
    private void detectCrossings(Fix fix, Catalog catalog, EngineSettings settings, Observations observed,
                                 List<Transition> out) {
        if (!lastHasPosition || lastAccuracy > settings.crossingMaxAccuracy()
                || fix.accuracyMetres() > settings.crossingMaxAccuracy()
                || (lastLatitude == fix.latitude() && lastLongitude == fix.longitude())) {
            return;
        }
        // the gap as Duration.between(previous, fix) gives it: whole seconds and a non-negative nano adjustment
        long gapSeconds = fix.time().getEpochSecond() - lastSecond;
        int gapNanos = fix.time().getNano() - lastNano;
        if (gapNanos < 0) {
            gapSeconds--;
            gapNanos += 1_000_000_000;
        }
        Duration maxGap = settings.crossingMaxGap();
        if (gapSeconds > maxGap.getSeconds() || (gapSeconds == maxGap.getSeconds() && gapNanos > maxGap.getNano())) {
            return;
        }
        double seconds = Math.max(1, (gapSeconds * 1000 + gapNanos / 1_000_000) / 1000.0);
        if (approximateMetres(lastLatitude, lastLongitude, fix.latitude(), fix.longitude())
                > MAX_CROSSING_SPEED_METRES_PER_SECOND * seconds) {
            return;
        }
        catalog.index().forEachDangerCrossed(lastLatitude, lastLongitude, fix.latitude(),
                fix.longitude(), device, zone -> {
                    if (observed.containsNotOutside(zone)) {
                        return;
                    }
                    int i = standings.indexOf(zone);
                    ZoneMembership m = i < 0 ? ZoneMembership.OUTSIDE : standings.membership(i);
                    if (m.confirmed() == Presence.OUTSIDE) {
                        out.add(new Transition(zone, Presence.INSIDE, fix, true));
                    }
                });
    }

    /** Equirectangular distance, within 0.5 % over the tens of kilometres this check compares. */
    private static double approximateMetres(double lat1, double lon1, double lat2, double lon2) {
        double north = (lat2 - lat1) * 110_950;
        double east = (lon2 - lon1) * 111_320 * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return Math.hypot(north, east);
    }

    /** The standing in a zone ({@link ZoneMembership#OUTSIDE} when none is recorded). */
    public ZoneMembership membership(String zoneId) {
        return standings.membership(zoneId);
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
        // Map.copyOf allocates even for an empty map; most devices have no deadline. The standings hand out one
        // immutable copy until they change, which the state's own Map.copyOf keeps as it is.
        return new DeviceGeofenceState(device, lastFix, standings.asMap(),
                deadlinesDone.isEmpty() ? Map.of() : deadlinesDone);
    }
}
