package org.shouhu.server;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.shouhu.alert.AlertDispatcher;
import org.shouhu.alert.AlertService;
import org.shouhu.ingest.BrokerConnections;
import org.shouhu.ingest.IngestSchema;
import org.shouhu.ingest.IngestVerticle;
import org.shouhu.ingest.PositionQueries;
import org.shouhu.server.auth.AccessControl;
import org.shouhu.server.directory.Directory;
import org.shouhu.server.directory.DirectoryRepository;
import org.shouhu.server.directory.DirectorySeedReader;
import org.shouhu.server.geofence.GeofenceService;
import org.shouhu.server.geofence.PrincipalZoneAccess;
import org.shouhu.server.guardian.ApiDescriptionRoutes;
import org.shouhu.server.guardian.ChildRoutes;
import org.shouhu.server.http.AlertRoutes;
import org.shouhu.server.http.HealthCheck;
import org.shouhu.server.http.HealthRoutes;
import org.shouhu.server.http.MetricsRoutes;
import org.shouhu.server.map.LiveMap;
import org.shouhu.server.map.PrincipalMapAccess;
import org.shouhu.server.mqtt.MqttDownlink;
import org.shouhu.server.warmup.SosPathWarmUp;
import org.shouhu.support.db.Databases;
import org.shouhu.support.db.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server: ingest, alert dispatch, the directory, the MQTT downlink and the HTTP API, over one database
 * and one broker. {@link #start} brings everything up in dependency order and fails as a whole if any part fails;
 * {@link #stop} takes it down in reverse order.
 */
public final class ShouhuServer {

    private static final Logger LOG = LoggerFactory.getLogger(ShouhuServer.class);
    private static final Duration PARTITION_MAINTENANCE_INTERVAL = Duration.ofHours(1);

    private final ShouhuConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HikariDataSource pool;
    private HikariDataSource ingestPool;
    private Directory directory;
    private MqttDownlink downlink;
    private AlertDispatcher dispatcher;
    private AlertService alerts;
    private GeofenceService geofence;
    private AccessControl access;
    private LiveMap liveMap;
    private volatile IngestVerticle ingest;
    private HttpServer http;
    private final java.util.List<String> deployments = new java.util.ArrayList<>();
    private long maintenanceTimer = -1;
    private final TelemetryFanout telemetry = new TelemetryFanout();

    private ShouhuServer(ShouhuConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.vertx = Vertx.vertx();
    }

    /** Starts a server; the future fails (and everything started is stopped again) if any part cannot start. */
    public static Future<ShouhuServer> start(ShouhuConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static Future<ShouhuServer> start(ShouhuConfig config, Clock clock) {
        ShouhuServer server = new ShouhuServer(config, clock);
        return server.startParts().map(server).recover(error -> {
            LOG.error("start-up failed: {}", error.getMessage());
            return server.stop().transform(stopped -> Future.failedFuture(error));
        });
    }

    private Future<Void> startParts() {
        return vertx.executeBlocking(() -> {
                    pool = Databases.pool(config.server().database(), "shouhu", config.server().databasePoolSize());
                    ingestPool = Databases.pool(config.server().database(), "shouhu-ingest",
                            config.ingest().databaseConnections());
                    migrate();
                    directory = new Directory(new DirectoryRepository(pool));
                    seedDirectory();
                    directory.reload();
                    access = new AccessControl(vertx, pool, directory, config.server().access(), clock,
                            config.ingest().retention());
                    access.prepare();
                    return null;
                })
                .compose(ready -> startDownlink())
                .compose(ready -> startAlerts())
                .compose(ready -> startGeofence())
                .compose(ready -> startLiveMap())
                .compose(ready -> warmUpSosPath())
                .compose(ready -> startIngest())
                .compose(ready -> startHttp())
                .onSuccess(ready -> schedulePartitionMaintenance())
                .onSuccess(ready -> access.startRetention(vertx))
                .mapEmpty();
    }

    private void migrate() {
        new SchemaMigrator(pool, ShouhuServer.class.getClassLoader()).migrate("directory");
        IngestSchema.migrate(pool);
        new SchemaMigrator(pool, ShouhuServer.class.getClassLoader()).migrate("alerts");
        GeofenceService.migrate(pool);
        new SchemaMigrator(pool, ShouhuServer.class.getClassLoader()).migrate("access");
    }

    private void seedDirectory() throws Exception {
        if (config.server().directorySeed().isPresent()) {
            var file = config.server().directorySeed().get();
            directory.upsert(DirectorySeedReader.read(Files.readString(file, StandardCharsets.UTF_8)));
            LOG.info("directory seed {} loaded", file);
        }
    }

    private Future<Void> startDownlink() {
        downlink = new MqttDownlink(vertx, config.ingest().mqttUrl(),
                config.ingest().clientId() + "-downlink-" + UUID.randomUUID().toString().substring(0, 8));
        return downlink.start();
    }

    private Future<Void> startAlerts() {
        dispatcher = new AlertDispatcher(pool, config.alerts(), clock, downlink, registry);
        return vertx.deployVerticle(dispatcher).map(id -> {
            deployments.add(id);
            alerts = new AlertService(vertx, pool, directory, directory, config.alerts(), clock, dispatcher,
                    this::alertCommitted);
            return null;
        });
    }

    /** After every alert commit (delivery has started already): open live maps show the change at once. */
    private void alertCommitted() {
        if (liveMap != null) {
            liveMap.alertsChanged();
        }
    }

    /**
     * Runs the SOS path once on made-up data before ingest starts and before {@code /health} reports the server up,
     * so that the first press is not slowed by class loading and first statements (see {@link SosPathWarmUp}).
     */
    private Future<Void> warmUpSosPath() {
        return vertx.executeBlocking(() -> new SosPathWarmUp(vertx, pool, config.alerts(), clock).run(), false)
                .mapEmpty();
    }

    /** The live map hears telemetry from the first batch on, so it is added to the fanout before ingest starts. */
    private Future<Void> startLiveMap() {
        liveMap = new LiveMap(vertx, config.server().map(), directory, alerts, pool,
                new PrincipalMapAccess(access.accessLog(), directory, access.assignments()), clock, registry);
        telemetry.add(liveMap.telemetry());
        liveMap.start();
        return Future.succeededFuture();
    }

    /** Zones, rules and device state load before ingest starts, so that the first committed fix is evaluated. */
    private Future<Void> startGeofence() {
        return vertx.executeBlocking(() -> {
            geofence = GeofenceService.start(config.server().geofence(), pool, directory, alerts::raiseZoneAlert,
                    registry, clock);
            telemetry.add(geofence.telemetryListener());
            return null;
        });
    }

    private Future<Void> startIngest() {
        ingest = new IngestVerticle(config.ingest(), ingestPool, registry, new SosBridge(alerts), telemetry, clock);
        return vertx.deployVerticle(ingest).map(id -> {
            deployments.add(id);
            return null;
        });
    }

    private Future<Void> startHttp() {
        Router router = Router.router(vertx);
        access.mount(router);
        new HealthRoutes(List.of(databaseCheck(), brokerCheck())).mount(router);
        new MetricsRoutes(registry).mount(router);
        geofence.mount(vertx, router, new PrincipalZoneAccess(directory));
        new AlertRoutes(alerts, access, config.alerts().capSender()).mount(router);
        new ChildRoutes(access, new PositionQueries(pool), () -> geofence.catalog().zones(), clock).mount(router);
        new ApiDescriptionRoutes().mount(router);
        liveMap.mount(router);
        return vertx.createHttpServer().requestHandler(router)
                .listen(config.server().httpPort(), config.server().httpHost())
                .map(server -> {
                    http = server;
                    LOG.info("HTTP API on http://{}:{}/", config.server().httpHost(), server.actualPort());
                    return null;
                });
    }

    /** Up when an SOS can reach this server: its SOS connection and at least one telemetry connection are up. */
    private HealthCheck brokerCheck() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "broker";
            }

            @Override
            public Future<Void> check() {
                IngestVerticle running = ingest;
                if (running == null) {
                    return Future.failedFuture("ingest is not running");
                }
                BrokerConnections connections = running.brokerConnections();
                return connections.healthy() ? Future.succeededFuture()
                        : Future.failedFuture(connections.toString());
            }
        };
    }

    private HealthCheck databaseCheck() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public Future<Void> check() {
                return vertx.executeBlocking(() -> {
                    try (var connection = pool.getConnection()) {
                        if (!connection.isValid(2)) {
                            throw new IllegalStateException("connection not valid");
                        }
                        return null;
                    }
                });
            }
        };
    }

    private void schedulePartitionMaintenance() {
        maintenanceTimer = vertx.setPeriodic(0, PARTITION_MAINTENANCE_INTERVAL.toMillis(), timer ->
                vertx.executeBlocking(() -> IngestSchema.maintainPartitions(pool, clock.instant(), config.ingest()))
                        .onSuccess(changes -> changes.forEach(change -> LOG.info("partition {}: {}",
                                change.action(), change.partition())))
                        .onFailure(error -> LOG.error("partition maintenance failed", error)));
    }

    /** The port the HTTP API listens on (useful when configured as 0). */
    public int httpPort() {
        return http.actualPort();
    }

    /** Where committed positions and statuses are announced; add listeners before {@link #start} completes. */
    public TelemetryFanout telemetry() {
        return telemetry;
    }

    public Directory directory() {
        return directory;
    }

    public AlertService alerts() {
        return alerts;
    }

    /** Zones, rules and their evaluation. */
    public GeofenceService geofence() {
        return geofence;
    }

    /** Accounts, authentication, visibility and the access log. */
    public AccessControl access() {
        return access;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops everything started, newest first. Never fails; problems are logged. */
    public Future<Void> stop() {
        Promise<Void> stopped = Promise.promise();
        stopParts().onComplete(parts -> {
            // Vert.x must be closed from outside its own event loops: a close started on an event loop would try to
            // report completion on that loop after it has terminated.
            Thread closer = new Thread(() -> vertx.close().onComplete(closed -> stopped.complete()), "shouhu-close");
            closer.start();
        });
        return stopped.future();
    }

    private Future<Void> stopParts() {
        if (maintenanceTimer >= 0) {
            vertx.cancelTimer(maintenanceTimer);
        }
        if (access != null) {
            access.stopRetention(vertx);
        }
        if (liveMap != null) {
            liveMap.stop();
        }
        Future<Void> chain = http == null ? Future.succeededFuture() : http.close().otherwiseEmpty();
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            chain = chain.compose(done -> vertx.undeploy(id).otherwiseEmpty());
        }
        return chain
                .compose(done -> downlink == null ? Future.succeededFuture() : downlink.stop().otherwiseEmpty())
                .compose(done -> vertx.executeBlocking(() -> {
                    if (geofence != null) {
                        geofence.stop();
                    }
                    if (alerts != null) {
                        alerts.close();
                    }
                    if (access != null) {
                        access.close();
                    }
                    if (ingestPool != null) {
                        ingestPool.close();
                    }
                    if (pool != null) {
                        pool.close();
                    }
                    return null;
                }).<Void>mapEmpty().otherwiseEmpty());
    }
}
