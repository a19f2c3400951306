package org.shouhu.server.geofence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.shouhu.alert.ZoneAlertRequest;
import org.shouhu.geofence.GeofenceEngine;
import org.shouhu.geofence.GeofenceEvent;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ordered evaluation worker: the devices hashed to it are evaluated on its own thread, in fix-time order per
 * device, their alerts committed, and then their state written. A device's new positions are held for the reorder
 * window first, so reports committed out of order by concurrent ingest batches are still evaluated in order. {@link #accept} never blocks: when the queue is
 * full the position is not queued but its device is marked, and once the worker has room it re-reads that device's
 * positions from the database (they are committed there), so nothing is dropped. The deadline rules of its devices
 * are decided on the same thread, and a device's state recording a deadline as decided is written only after the
 * deadline's alert is committed, so a crash or stop in between leaves the deadline to be decided again. Thread-safe.
 */
final class EvaluationShard {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationShard.class);
    private static final int MAX_BATCH = 2_000;
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private final int index;
    private final GeofenceEngine engine;
    private final ZoneAlerts alerts;
    private final AlertRaiser raiser;
    private final DatabaseStateStore store;
    private final StoredPositions stored;
    private final long reorderNanos;
    private final GeofenceMetrics metrics;
    private final Clock clock;
    private final AtomicBoolean running;
    private final int capacity;
    private final BlockingQueue<StoredPosition> queue;
    /** Devices whose positions overflowed, with the oldest fix time not queued. */
    private final Map<DeviceId, Instant> overflowed = new ConcurrentHashMap<>();
    private final Predicate<DeviceId> owns;
    /** Set while a deadline check is queued, so that a worker held up by the database does not pile them up. */
    private final AtomicBoolean deadlineCheckQueued = new AtomicBoolean();
    /** Devices evaluated whose state is not yet written (only this worker's thread touches it). */
    private final Set<DeviceId> unwritten = new LinkedHashSet<>();
    /** Positions held for the reorder window, per device in order of their first arrival (worker thread only). */
    private final Map<DeviceId, Held> held = new LinkedHashMap<>();
    private final Thread thread;

    /** A device's positions waiting for the reorder window, due at {@code dueNanos} (System.nanoTime). */
    private record Held(long dueNanos, List<StoredPosition> positions) {
    }

    /**
     * @param owns whether a device is evaluated by this worker (its deadlines are decided here)
     */
    EvaluationShard(int index, Predicate<DeviceId> owns, int capacity, Duration reorderWindow, GeofenceEngine engine,
                    ZoneAlerts alerts, AlertRaiser raiser, DatabaseStateStore store, StoredPositions stored,
                    GeofenceMetrics metrics, Clock clock, AtomicBoolean running) {
        this.index = index;
        this.owns = owns;
        this.capacity = capacity;
        this.engine = engine;
        this.alerts = alerts;
        this.raiser = raiser;
        this.store = store;
        this.stored = stored;
        this.reorderNanos = reorderWindow.toNanos();
        this.metrics = metrics;
        this.clock = clock;
        this.running = running;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "shouhu-geofence-" + index);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops the worker after the batch in hand (alerts still being retried are abandoned) and waits for it. */
    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** Queues a committed position; never blocks. */
    void accept(StoredPosition position) {
        DeviceId device = position.device();
        if (overflowed.computeIfPresent(device, (d, from) -> min(from, position.fix().time())) != null
                || !queue.offer(position)) {
            // Once a device overflowed, its later positions wait for the re-read too, so its order holds.
            overflowed.merge(device, position.fix().time(), EvaluationShard::min);
            metrics.overflowed.increment();
        }
    }

    /** Has this worker decide its devices' deadline rules between batches; a check already queued covers it. */
    void checkDeadlines() {
        deadlineCheckQueued.set(true);
    }

    /** Positions queued for this worker (not counting the few held for the reorder window). */
    int depth() {
        return queue.size();
    }

    private void run() {
        try {
            while (running.get()) {
                long wait = held.isEmpty() ? IDLE_POLL.toNanos()
                        : Math.max(0, held.values().iterator().next().dueNanos() - System.nanoTime());
                StoredPosition first = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) {
                    List<StoredPosition> arrived = new ArrayList<>();
                    arrived.add(first);
                    queue.drainTo(arrived, MAX_BATCH - 1);
                    hold(arrived);
                }
                List<StoredPosition> due = takeDue();
                if (!due.isEmpty()) {
                    evaluate(due);
                }
                if (deadlineCheckQueued.getAndSet(false)) {
                    decideDeadlines();
                }
                if (!overflowed.isEmpty() && queue.size() < capacity / 2) {
                    List<StoredPosition> queued = new ArrayList<>();
                    queue.drainTo(queued); // so that a re-read device's queued positions join its re-read ones
                    hold(queued);
                    reread();
                }
                writeState();
            }
        } catch (InterruptedException | AlertRaiser.StoppedException e) {
            // Devices whose alerts are committed can have their state written; the rest is replayed at start-up.
            Thread.interrupted();
            writeState();
            LOG.info("geofence worker {} stopped; {} positions held and {} devices' state left for start-up replay",
                    index, held.values().stream().mapToInt(h -> h.positions().size()).sum(), unwritten.size());
        }
    }

    private void hold(List<StoredPosition> arrived) {
        long due = System.nanoTime() + reorderNanos;
        for (StoredPosition position : arrived) {
            held.computeIfAbsent(position.device(), d -> new Held(due, new ArrayList<>())).positions().add(position);
        }
    }

    /** The held positions of every device whose first held position has waited the reorder window. */
    private List<StoredPosition> takeDue() {
        List<StoredPosition> due = new ArrayList<>();
        long now = System.nanoTime();
        var devices = held.values().iterator();
        while (devices.hasNext()) {
            Held next = devices.next();
            if (next.dueNanos() - now > 0) {
                break; // devices are in order of arrival, so the rest are not due either
            }
            due.addAll(next.positions());
            devices.remove();
        }
        return due;
    }

    /** Evaluates positions of several devices, raises their alerts and waits until they are committed. */
    void evaluate(List<StoredPosition> batch) throws InterruptedException, AlertRaiser.StoppedException {
        Map<DeviceId, List<StoredPosition>> byDevice = new LinkedHashMap<>();
        for (StoredPosition position : batch) {
            byDevice.computeIfAbsent(position.device(), d -> new ArrayList<>()).add(position);
        }
        List<ZoneAlertRequest> requests = new ArrayList<>();
        for (Map.Entry<DeviceId, List<StoredPosition>> entry : byDevice.entrySet()) {
            try {
                evaluateDevice(entry.getKey(), entry.getValue(), requests);
            } catch (RuntimeException e) {
                // One device's bad data must not stop the others; its later fixes are evaluated as usual.
                metrics.evaluationFailures.increment();
                LOG.error("geofence evaluation of {} failed on {} positions", entry.getKey(), entry.getValue().size(), e);
            }
        }
        raiser.raiseAll(requests);
        unwritten.addAll(byDevice.keySet());
        Instant now = clock.instant();
        for (StoredPosition position : batch) {
            metrics.lag(Duration.between(position.receivedAt(), now));
        }
        metrics.evaluated.increment(batch.size());
    }

    /**
     * Feeds a device's positions to the engine in fix-time order: live ones one by one; each run of positions
     * uploaded late (buffered while offline) as one batch, of which the engine raises only what the run's end state
     * still supports.
     */
    private void evaluateDevice(DeviceId device, List<StoredPosition> positions, List<ZoneAlertRequest> out) {
        int battery = positions.get(positions.size() - 1).battery(); // the newest report's, as received
        List<StoredPosition> ordered = new ArrayList<>(positions);
        ordered.sort(Comparator.comparing(position -> position.fix().time()));
        List<GeofenceEvent> events = new ArrayList<>();
        List<Fix> lateRun = new ArrayList<>();
        for (StoredPosition position : ordered) {
            if (position.late()) {
                lateRun.add(position.fix());
                continue;
            }
            if (!lateRun.isEmpty()) {
                events.addAll(engine.onFixes(device, lateRun));
                lateRun.clear();
            }
            events.addAll(engine.onFix(device, position.fix(), false));
        }
        if (!lateRun.isEmpty()) {
            events.addAll(engine.onFixes(device, lateRun));
        }
        for (GeofenceEvent event : events) {
            metrics.event(event.kind());
            out.add(alerts.request(event, battery));
        }
    }

    /**
     * Decides the deadline rules of this worker's devices now, raises their alerts and waits until they are
     * committed; only then may the decided devices' state (which records the deadline as decided) be written. When
     * the worker is stopped before that, those devices' state is not written at all: the next start replays their
     * positions and decides the deadline again within the engine's grace period, and alert dispatch recognises a
     * deadline alert that was committed after all (same rule, kind and deadline) without telling anyone again.
     */
    private void decideDeadlines() throws InterruptedException, AlertRaiser.StoppedException {
        List<ZoneAlertRequest> requests = new ArrayList<>();
        Set<DeviceId> alerted = new LinkedHashSet<>();
        try {
            for (GeofenceEvent event : engine.onTick(clock.instant(), owns)) {
                metrics.event(event.kind());
                requests.add(alerts.request(event, -1));
                alerted.add(event.device());
            }
        } catch (RuntimeException e) {
            // A bug, not bad data: keep the worker evaluating positions; the next tick tries again.
            metrics.evaluationFailures.increment();
            LOG.error("deadline check of geofence worker {} failed", index, e);
            return;
        }
        try {
            raiser.raiseAll(requests);
        } catch (InterruptedException | AlertRaiser.StoppedException e) {
            unwritten.removeAll(alerted);
            throw e;
        }
        // Deadlines met (no alert) are written too, so that a restart does not decide them again at a later time.
        unwritten.addAll(store.unwrittenOf(owns));
    }

    private void reread() throws InterruptedException, AlertRaiser.StoppedException {
        for (DeviceId device : List.copyOf(overflowed.keySet())) {
            Instant from = overflowed.remove(device);
            List<StoredPosition> positions;
            try {
                positions = stored.of(device, from);
            } catch (java.sql.SQLException e) {
                overflowed.merge(device, from, EvaluationShard::min);
                LOG.warn("cannot re-read positions of {} yet: {}", device, e.getMessage());
                return;
            }
            metrics.caughtUp.increment(positions.size());
            Held waiting = held.remove(device); // queued before the overflow: evaluate them in order with the rest
            if (waiting != null) {
                positions = new ArrayList<>(positions);
                positions.addAll(waiting.positions());
            }
            if (!positions.isEmpty()) {
                evaluate(positions);
            }
        }
    }

    private void writeState() {
        if (unwritten.isEmpty()) {
            return;
        }
        try {
            store.flush(unwritten);
            unwritten.clear();
        } catch (GeofenceStoreException e) {
            metrics.stateWriteFailures.increment();
            LOG.warn("geofence state of {} devices not written yet: {}", unwritten.size(), e.getMessage());
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
