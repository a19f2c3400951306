package org.shouhu.geofence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.shouhu.geofence.internal.Catalog;
import org.shouhu.geofence.internal.DeadlineChecker;
import org.shouhu.geofence.internal.DeviceTracker;
import org.shouhu.geofence.internal.RuleMatcher;
import org.shouhu.geofence.internal.Transition;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;

/**
 * Turns wristband fixes into the alerts guardians must get: a child left school during school hours, entered a
 * danger zone (or crossed one between two fixes), missed the arrival deadline, is not home by curfew, and the
 * informational enter/exit events.
 *
 * <p><b>Input.</b> {@link #onFix} for each fix of a device, {@link #onFixes} for a batch a device uploads after
 * being offline, {@link #onTick} every few seconds for the deadline rules. Decisions are made in fix-time order per
 * device: a fix older than the newest one only completes the history (it may satisfy an arrival deadline) and never
 * raises a transition. A batch raises only the transitions its last fixes still support.
 *
 * <p><b>Zones and rules</b> are changed at run time ({@link #putZones}, {@link #removeZone}, {@link #putRules},
 * {@link #removeRule}); each change builds a new immutable catalog (zones, index, rules) and swaps it in atomically,
 * so evaluation never pauses and never sees half a change. A zone change takes milliseconds: the changed zones go
 * into a small overlay index consulted with the main one, and a background thread, once the zones have not changed
 * for a second, folds them into the main tables (which takes seconds for 100,000 zones) and swaps that in; answers
 * are the same before and after.
 *
 * <p><b>State</b> per device is loaded from the {@link GeofenceStateStore} at construction and saved to it after
 * every evaluation that changed it, before the events are returned.
 *
 * <p><b>Thread-safety.</b> All methods are thread-safe. Evaluations of the same device are serialized by a lock on
 * that device's state (callers should still feed a device's fixes in order from one thread to keep fix order
 * meaningful); different devices evaluate in parallel; catalog reads are lock-free; catalog changes are serialized.
 */
public final class GeofenceEngine {

    private final Clock clock;
    private final EngineSettings settings;
    private final GeofenceStateStore store;
    private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.EMPTY);
    private final Map<DeviceId, DeviceTracker> trackers = new ConcurrentHashMap<>();
    private final Object catalogWrites = new Object();
    private final AtomicBoolean foldScheduled = new AtomicBoolean();
    /** When the zones last changed ({@link System#nanoTime}); a fold waits for a quiet second after it. */
    private volatile long lastZoneChange = System.nanoTime();
    private final Executor folder = foldThread();

    /** Creates the engine with no zones or rules, and the device states found in the store. */
    public GeofenceEngine(Clock clock, EngineSettings settings, GeofenceStateStore store) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        store.loadAll().forEach((device, state) -> trackers.put(device, new DeviceTracker(state)));
    }

    /**
     * Evaluates one fix of a device.
     *
     * @param late true when the device uploaded the fix from its offline buffer (events are marked late)
     * @return the events to raise, possibly none
     */
    public List<GeofenceEvent> onFix(DeviceId device, Fix fix, boolean late) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(fix, "fix");
        if (!fix.hasPosition()) {
            return List.of();
        }
        Catalog current = catalog.get();
        DeviceTracker tracker = tracker(device);
        List<GeofenceEvent> events = new ArrayList<>(0);
        synchronized (tracker) {
            if (tracker.isInOrder(fix)) {
                List<Transition> transitions = new ArrayList<>(0);
                tracker.applyInOrder(fix, current, settings, transitions);
                for (Transition t : transitions) {
                    RuleMatcher.eventsFor(device, t, late, current, events);
                }
                store.save(tracker.snapshot());
            } else if (tracker.applyOutOfOrder(fix, current, settings)) {
                store.save(tracker.snapshot());
            }
        }
        return events;
    }

    /**
     * Evaluates a batch of fixes a device uploaded late (after being offline), in fix-time order. Fixes older than
     * the device's newest known fix only complete the history. Of the transitions the batch produces, only those
     * its end state still supports are raised (a child who left school and came back within the batch raises
     * nothing), at most one per rule and zone, marked late; a danger zone crossed between two fixes is raised only
     * when the crossing ends the batch.
     */
    public List<GeofenceEvent> onFixes(DeviceId device, List<Fix> fixes) {
        Objects.requireNonNull(device, "device");
        List<Fix> ordered = new ArrayList<>(fixes);
        ordered.removeIf(f -> !f.hasPosition());
        ordered.sort(Comparator.comparing(Fix::time));
        if (ordered.isEmpty()) {
            return List.of();
        }
        Catalog current = catalog.get();
        DeviceTracker tracker = tracker(device);
        List<Transition> transitions = new ArrayList<>();
        synchronized (tracker) {
            boolean changed = false;
            for (Fix fix : ordered) {
                if (tracker.isInOrder(fix)) {
                    tracker.applyInOrder(fix, current, settings, transitions);
                    changed = true;
                } else {
                    changed |= tracker.applyOutOfOrder(fix, current, settings);
                }
            }
            List<GeofenceEvent> events = new ArrayList<>();
            Fix last = ordered.get(ordered.size() - 1);
            for (Transition t : BatchNetting.supported(transitions, tracker, last)) {
                RuleMatcher.eventsFor(device, t, true, current, events);
            }
            if (changed) {
                store.save(tracker.snapshot());
            }
            return events;
        }
    }

    /** Checks the deadline rules (missed arrival, curfew) at the clock's current instant. */
    public List<GeofenceEvent> onTick() {
        return onTick(clock.instant());
    }

    /** Checks the deadline rules at {@code now}: each fires at most once per device and local day. */
    public List<GeofenceEvent> onTick(Instant now) {
        return onTick(now, device -> true);
    }

    /**
     * Checks the deadline rules at {@code now} for the devices {@code devices} accepts, so that a caller evaluating
     * devices on several ordered workers can decide each device's deadlines on its own worker, in order with its
     * fixes. A decision is saved to the store with the device's state; one the store never persisted (it was not
     * written before a crash) is taken again by the next engine within the grace period.
     */
    public List<GeofenceEvent> onTick(Instant now, Predicate<DeviceId> devices) {
        Objects.requireNonNull(devices, "devices");
        List<GeofenceEvent> events = new ArrayList<>();
        DeadlineChecker.check(now, catalog.get(), settings.deadlineGrace(), devices, this::tracker,
                tracker -> store.save(tracker.snapshot()), events);
        return events;
    }

    private DeviceTracker tracker(DeviceId device) {
        DeviceTracker known = trackers.get(device); // computeIfAbsent may lock the bin even when the key is there
        return known != null ? known : trackers.computeIfAbsent(device, DeviceTracker::new);
    }

    // ---- zones and rules ----

    /** Adds or replaces (by id) the zones; takes effect for fixes evaluated after it returns. */
    public void putZones(Collection<Zone> zones) {
        synchronized (catalogWrites) {
            catalog.set(catalog.get().withZones(List.copyOf(zones)));
            lastZoneChange = System.nanoTime();
        }
        scheduleFold();
    }

    /**
     * Adds or replaces the zones of a GeoJSON Feature or FeatureCollection (see {@link ZoneGeoJson}).
     *
     * @return the ids of the zones read
     * @throws GeoJsonException naming the first bad feature; then nothing is changed
     */
    public List<String> putZones(String geoJson) {
        List<Zone> zones = ZoneGeoJson.read(geoJson);
        putZones(zones);
        return zones.stream().map(Zone::id).toList();
    }

    /** Removes a zone; returns whether it existed. Devices' standing in it is forgotten without an exit event. */
    public boolean removeZone(String id) {
        synchronized (catalogWrites) {
            Catalog current = catalog.get();
            if (current.zone(id) == null) {
                return false;
            }
            catalog.set(current.withoutZone(id));
            lastZoneChange = System.nanoTime();
        }
        scheduleFold();
        return true;
    }

    /** One daemon thread for folding zone changes, started on demand and ended after a minute without work. */
    private static Executor foldThread() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "geofence-zone-fold");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Folds the zone changes of the overlay into the main tables in the background, if there are any. */
    private void scheduleFold() {
        if (catalog.get().index().overlaySize() > 0 && foldScheduled.compareAndSet(false, true)) {
            folder.execute(this::fold);
        }
    }

    private void fold() {
        try {
            awaitQuietZones();
            Catalog before = catalog.get();
            Catalog folded = before.folded();
            synchronized (catalogWrites) {
                Catalog now = catalog.get();
                catalog.set(now == before ? folded : now.rebasedOn(folded)); // keep changes made meanwhile
            }
        } finally {
            foldScheduled.set(false);
        }
        scheduleFold();
    }

    /**
     * Waits until the zones have not changed for a second, so a burst of changes (an import zone by zone) is folded
     * once, and the fold's seconds of work and garbage do not compete with the changes themselves.
     */
    private void awaitQuietZones() {
        long quiet = TimeUnit.SECONDS.toNanos(1);
        for (long since = System.nanoTime() - lastZoneChange; since < quiet; since = System.nanoTime() - lastZoneChange) {
            try {
                TimeUnit.NANOSECONDS.sleep(quiet - since);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How many changed zones wait to be folded into the main index (0 once the background fold caught up). */
    public int zonesAwaitingFold() {
        return catalog.get().index().overlaySize();
    }

    public Optional<Zone> zone(String id) {
        return Optional.ofNullable(catalog.get().zone(id));
    }

    /** Every zone, in the order they were first added. */
    public List<Zone> zones() {
        return List.copyOf(catalog.get().zones().values());
    }

    /** Every zone as a GeoJSON FeatureCollection in WGS-84. */
    public String zonesGeoJson() {
        return ZoneGeoJson.write(zones());
    }

    /** Adds or replaces (by id) the rules. A rule may name a zone that does not exist yet; it waits for it. */
    public void putRules(Collection<Rule> rules) {
        synchronized (catalogWrites) {
            catalog.set(catalog.get().withRules(List.copyOf(rules)));
        }
    }

    /**
     * Adds or replaces the rules of a JSON document (see {@link RuleJson}).
     *
     * @return the ids of the rules read
     * @throws IllegalArgumentException naming the first bad rule; then nothing is changed
     */
    public List<String> putRules(String json) {
        List<Rule> rules = RuleJson.read(json);
        putRules(rules);
        return rules.stream().map(Rule::id).toList();
    }

    /** Removes a rule; returns whether it existed. */
    public boolean removeRule(String id) {
        synchronized (catalogWrites) {
            Catalog current = catalog.get();
            if (!current.rules().containsKey(id)) {
                return false;
            }
            catalog.set(current.withoutRule(id));
            return true;
        }
    }

    /** Every rule, in the order they were first added. */
    public List<Rule> rules() {
        return List.copyOf(catalog.get().rules().values());
    }

    /** Every rule as a JSON document {@code {"rules":[...]}}. */
    public String rulesJson() {
        return RuleJson.write(rules());
    }

    /** The state of a device as it would be persisted, if the engine knows the device. */
    public Optional<DeviceGeofenceState> deviceState(DeviceId device) {
        DeviceTracker tracker = trackers.get(device);
        if (tracker == null) {
            return Optional.empty();
        }
        synchronized (tracker) {
            return Optional.of(tracker.snapshot());
        }
    }
}
