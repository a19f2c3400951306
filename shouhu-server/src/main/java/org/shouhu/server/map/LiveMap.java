package org.shouhu.server.map;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.shouhu.alert.AlertService;
import org.shouhu.ingest.PositionQueries;
import org.shouhu.ingest.TelemetryListener;
import org.shouhu.server.directory.Directory;

/**
 * The dispatcher live map as one part of the server. Wiring:
 * <pre>
 *   LiveMap map = new LiveMap(vertx, settings, directory, alerts, pool, access, clock);
 *   telemetryFanout.add(map.telemetry());   // before ingest starts
 *   map.mount(router);
 *   // and after every alert commit (AlertService's onCommitted): map.alertsChanged();
 *   map.start();                            // feed tick, alert watch, heartbeats
 *   ...
 *   map.stop();
 * </pre>
 */
public final class LiveMap {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Vertx vertx;
    private final MapSettings settings;
    private final LiveFeed feed;
    private final AlertLogWatcher watcher;
    private final MapRoutes routes;
    private long tickTimer = -1;
    private long heartbeatTimer = -1;

    public LiveMap(Vertx vertx, MapSettings settings, Directory directory, AlertService alerts, DataSource dataSource,
                   MapAccess access, Clock clock, MeterRegistry registry) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.feed = new LiveFeed(directory, directory, access::assignedJurisdictions);
        AlertQueue queue = new AlertQueue(directory);
        this.watcher = new AlertLogWatcher(vertx, dataSource, alerts, () -> feed.clientCount() > 0,
                open -> feed.broadcast("alerts", viewer -> queue.json(open, viewer)));
        this.routes = new MapRoutes(vertx, settings, directory, feed, queue, watcher, access,
                new PositionQueries(dataSource), new DeviceLatest(dataSource), clock, registry);
    }

    /** Add to the telemetry fanout before ingest starts. Never blocks. */
    public TelemetryListener telemetry() {
        return feed;
    }

    public void mount(Router router) {
        routes.mount(router);
    }

    /**
     * Tells the map that an alert was just raised, acknowledged or resolved through this server, so open maps get
     * the queue now instead of at the next check. Any thread; never blocks.
     */
    public void alertsChanged() {
        watcher.checkNow();
    }

    /** Maps currently connected. */
    public int openMaps() {
        return feed.clientCount();
    }

    public void start() {
        tickTimer = vertx.setPeriodic(settings.feedTick().toMillis(), id -> feed.flush());
        heartbeatTimer = vertx.setPeriodic(HEARTBEAT.toMillis(), id -> feed.forEachClient(MapClient::heartbeat));
        watcher.start(settings.alertCheckInterval());
    }

    public void stop() {
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
        }
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        watcher.stop();
        feed.forEachClient(MapClient::drop);
    }
}
