package org.shouhu.server.geofence;

import java.time.Duration;
import java.util.Map;
import org.shouhu.geofence.DebouncePolicy;
import org.shouhu.geofence.EngineSettings;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZonePolicy;
import org.shouhu.support.config.ConfigDef;
import org.shouhu.support.config.ConfigType;
import org.shouhu.support.config.ConfigValues;
import org.shouhu.support.config.Validator;

/**
 * Settings of geofence evaluation in the server (keys {@code geofence.*}).
 *
 * @param shards          ordered evaluation workers; a device always goes to the same one
 * @param queueCapacity   positions each worker may hold before it falls back to reading them from the database
 * @param reorderWindow   how long a device's positions are held so that ones committed out of order are evaluated
 *                        in fix-time order
 * @param tickInterval    how often deadline rules (missed arrival, curfew) are checked
 * @param replayWindow    positions with a fix time this recent are re-evaluated at start-up when the saved state of
 *                        their device does not yet include them
 * @param engine          the engine's debounce and accuracy settings
 */
public record GeofenceConfig(int shards, int queueCapacity, Duration reorderWindow, Duration tickInterval,
                             Duration replayWindow, EngineSettings engine) {

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define("geofence.shards", ConfigType.INT, 4, Validator.between(1, 64),
                    "Ordered geofence workers. Each device is evaluated by one of them, in fix-time order.")
            .define("geofence.queue-capacity", ConfigType.INT, 50_000, Validator.between(16, 10_000_000),
                    "Positions one worker may queue. Beyond it, positions are not dropped: the worker re-reads the "
                            + "devices' positions from the database once it has caught up (counted in "
                            + "shouhu_geofence_overflow_total).")
            .define("geofence.reorder-window", ConfigType.DURATION, Duration.ofMillis(300),
                    Validator.durationBetween(Duration.ZERO, Duration.ofSeconds(10)),
                    "How long a device's newly committed positions are held before evaluation. Ingest commits "
                            + "batches concurrently, so a device's reports can arrive out of order by up to a commit "
                            + "time; within this window they are still evaluated in fix-time order. Adds at most this "
                            + "much to zone alert latency (never to SOS).")
            .define("geofence.tick-interval", ConfigType.DURATION, Duration.ofSeconds(10),
                    Validator.durationBetween(Duration.ofMillis(100), Duration.ofMinutes(10)),
                    "How often missed-arrival and curfew rules are checked.")
            .define("geofence.replay-window", ConfigType.DURATION, Duration.ofMinutes(15),
                    Validator.durationBetween(Duration.ZERO, Duration.ofDays(2)),
                    "At start-up, stored positions with a fix time this recent that the saved geofence state does not "
                            + "yet include are evaluated again, so an alert that was due when the server stopped is "
                            + "still raised (alert dispatch recognises one already raised).")
            .define("geofence.steady.fixes", ConfigType.INT, 3, Validator.between(1, 1000),
                    "Home, school and custom zones: consecutive fixes a new presence (inside or outside) must hold "
                            + "before it counts, so GPS jitter at a boundary does not flap.")
            .define("geofence.steady.dwell", ConfigType.DURATION, Duration.ofSeconds(60),
                    Validator.durationBetween(Duration.ZERO, Duration.ofHours(1)),
                    "Home, school and custom zones: fix time a new presence must hold before it counts.")
            .define("geofence.danger.exit-fixes", ConfigType.INT, 3, Validator.between(1, 1000),
                    "Danger zones warn on the first fix possibly inside; leaving (which re-arms the warning) takes "
                            + "this many consecutive outside fixes.")
            .define("geofence.danger.exit-dwell", ConfigType.DURATION, Duration.ofMinutes(2),
                    Validator.durationBetween(Duration.ZERO, Duration.ofHours(1)),
                    "Danger zones: fix time the child must stay outside before leaving counts.")
            .define("geofence.max-accuracy", ConfigType.INT, 2_000, Validator.between(10, 65_534),
                    "Fixes with a larger accuracy radius (metres) decide nothing, in or out.");

    public GeofenceConfig {
        if (shards < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("shards and queue capacity must be positive");
        }
        if (reorderWindow.isNegative() || replayWindow.isNegative() || tickInterval.isNegative()
                || tickInterval.isZero()) {
            throw new IllegalArgumentException("windows must not be negative and the tick interval must be positive");
        }
    }

    public static GeofenceConfig from(ConfigValues values) {
        ZonePolicy steady = new ZonePolicy(
                new DebouncePolicy(values.getInt("geofence.steady.fixes"), values.getDuration("geofence.steady.dwell")),
                new DebouncePolicy(values.getInt("geofence.steady.fixes"), values.getDuration("geofence.steady.dwell")),
                ZonePolicy.STEADY.bias());
        ZonePolicy danger = new ZonePolicy(ZonePolicy.DANGER.toInside(),
                new DebouncePolicy(values.getInt("geofence.danger.exit-fixes"),
                        values.getDuration("geofence.danger.exit-dwell")),
                ZonePolicy.DANGER.bias());
        EngineSettings defaults = EngineSettings.DEFAULT;
        EngineSettings engine = new EngineSettings(
                Map.of(ZoneKind.HOME, steady, ZoneKind.SCHOOL, steady, ZoneKind.CUSTOM, steady, ZoneKind.DANGER, danger),
                values.getInt("geofence.max-accuracy"), defaults.possiblyInsideMaxAccuracy(),
                defaults.crossingMaxGap(), defaults.crossingMaxAccuracy(), defaults.deadlineGrace());
        return new GeofenceConfig(values.getInt("geofence.shards"), values.getInt("geofence.queue-capacity"),
                values.getDuration("geofence.reorder-window"), values.getDuration("geofence.tick-interval"), values.getDuration("geofence.replay-window"), engine);
    }
}
