package org.shouhu.server.geofence;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.RecipientDirectory;
import org.shouhu.alert.ZoneAlertRequest;
import org.shouhu.geofence.DeviceGeofenceState;
import org.shouhu.geofence.GeofenceEngine;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.TelemetryListener;
import org.shouhu.protocol.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates committed positions against the zones, off the ingest event loop: {@link #onPositions} hands each
 * position to the ordered worker of its device ({@link EvaluationShard}) and returns at once. Every
 * {@code tickInterval} the deadline rules are checked and their alerts raised by the devices' workers. At start it
 * re-evaluates recent stored positions that the saved state does not include yet (see {@link #start}).
 * Thread-safe.
 */
final class GeofenceEvaluator implements TelemetryListener {

    private static final Logger LOG = LoggerFactory.getLogger(GeofenceEvaluator.class);

    private final GeofenceConfig config;
    private final GeofenceEngine engine;
    private final StoredPositions positions;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<EvaluationShard> shards = new ArrayList<>();
    private final ScheduledExecutorService ticker;

    GeofenceEvaluator(GeofenceConfig config, GeofenceEngine engine, DatabaseStateStore store,
                      StoredPositions positions, RecipientDirectory directory,
                      Function<ZoneAlertRequest, Future<AlertId>> raise, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.engine = engine;
        this.positions = positions;
        this.clock = clock;
        GeofenceMetrics metrics = new GeofenceMetrics(registry, this::queued);
        ZoneAlerts alerts = new ZoneAlerts(directory, engine::zone);
        AlertRaiser raiser = new AlertRaiser(raise, running::get, registry);
        for (int i = 0; i < config.shards(); i++) {
            int index = i;
            shards.add(new EvaluationShard(i, device -> shardIndex(device) == index, config.queueCapacity(),
                    config.reorderWindow(), engine, alerts, raiser, store, positions, metrics, clock, running));
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shouhu-geofence-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues the recent stored positions the saved state does not include (those committed before the last stop
     * but not evaluated, or evaluated without their alerts committed), then starts the workers and the deadline
     * checks. Blocking: reads the database.
     */
    void start() throws SQLException {
        Instant from = clock.instant().minus(config.replayWindow());
        int replayed = 0;
        if (!config.replayWindow().isZero()) {
            Map<DeviceId, Instant> evaluatedUpTo = new HashMap<>();
            for (StoredPosition position : positions.since(from)) {
                Instant upTo = evaluatedUpTo.computeIfAbsent(position.device(), device -> engine.deviceState(device)
                        .map(DeviceGeofenceState::lastFix).map(fix -> fix.time()).orElse(Instant.MIN));
                if (position.fix().time().isAfter(upTo)) {
                    shard(position.device()).accept(position);
                    replayed++;
                }
            }
        }
        LOG.info("geofence evaluation starting with {} workers; {} stored positions since {} to re-evaluate",
                shards.size(), replayed, from);
        shards.forEach(EvaluationShard::start);
        long interval = config.tickInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::checkDeadlines, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onPositions(List<StoredPosition> committed) {
        if (!running.get()) {
            return; // stopping: what is committed but not evaluated is replayed at the next start
        }
        for (StoredPosition position : committed) {
            shard(position.device()).accept(position);
        }
    }

    /** Each worker decides its own devices' deadlines, in order with their positions (see {@link EvaluationShard}). */
    private void checkDeadlines() {
        shards.forEach(EvaluationShard::checkDeadlines);
    }

    private EvaluationShard shard(DeviceId device) {
        return shards.get(shardIndex(device));
    }

    private int shardIndex(DeviceId device) {
        long mixed = device.imei() * 0x9E3779B97F4A7C15L;
        return (int) Math.floorMod(mixed >>> 17, (long) config.shards());
    }

    /** Positions waiting in every worker's queue. */
    int queued() {
        int total = 0;
        for (EvaluationShard shard : shards) {
            total += shard.depth();
        }
        return total;
    }

    /** Stops the deadline checks and the workers; state not yet written is rebuilt by the next start's replay. */
    void stop() {
        running.set(false);
        ticker.shutdownNow();
        for (EvaluationShard shard : shards) {
            try {
                shard.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
