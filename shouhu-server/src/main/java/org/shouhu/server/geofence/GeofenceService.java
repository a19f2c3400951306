package org.shouhu.server.geofence;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.RecipientDirectory;
import org.shouhu.alert.ZoneAlertRequest;
import org.shouhu.geofence.GeofenceEngine;
import org.shouhu.ingest.TelemetryListener;
import org.shouhu.support.db.SchemaMigrator;

/**
 * The geofence part of the server, assembled: the engine with its zones, rules and device state loaded from
 * PostgreSQL, the {@link ZoneCatalog} that changes them, the evaluator that listens to committed telemetry, and the
 * zone API. Start it after alert dispatch and before ingest; register {@link #telemetryListener()} with the
 * server's telemetry fan-out.
 */
public final class GeofenceService {

    private final GeofenceEngine engine;
    private final ZoneCatalog catalog;
    private final GeofenceEvaluator evaluator;

    private GeofenceService(GeofenceEngine engine, ZoneCatalog catalog, GeofenceEvaluator evaluator) {
        this.engine = engine;
        this.catalog = catalog;
        this.evaluator = evaluator;
    }

    /** Applies the geofence schema migrations ({@code db/migration/geofence}). */
    public static void migrate(DataSource pool) {
        new SchemaMigrator(pool, GeofenceService.class.getClassLoader()).migrate("geofence");
    }

    /**
     * Loads zones, rules and device state, re-evaluates recent positions the state does not include, and starts
     * evaluation. Blocking: call off the event loop.
     *
     * @param raise how a zone alert is raised: {@code AlertService::raiseZoneAlert}
     * @throws GeofenceStoreException when the geofence tables cannot be read
     */
    public static GeofenceService start(GeofenceConfig config, DataSource pool, RecipientDirectory directory,
                                        Function<ZoneAlertRequest, Future<AlertId>> raise, MeterRegistry registry,
                                        Clock clock) {
        DatabaseStateStore store = new DatabaseStateStore(pool);
        GeofenceEngine engine = new GeofenceEngine(clock, config.engine(), store);
        ZoneCatalog catalog = new ZoneCatalog(new ZoneRepository(pool), engine);
        catalog.load();
        GeofenceEvaluator evaluator = new GeofenceEvaluator(config, engine, store, new StoredPositions(pool),
                directory, raise, registry, clock);
        try {
            evaluator.start();
        } catch (SQLException e) {
            evaluator.stop();
            throw new GeofenceStoreException("cannot read recent positions to re-evaluate: " + e.getMessage(), e);
        }
        return new GeofenceService(engine, catalog, evaluator);
    }

    /** Where committed positions must be announced. */
    public TelemetryListener telemetryListener() {
        return evaluator;
    }

    /** The zones and rules in force; changes through it take effect at once and are stored. */
    public ZoneCatalog catalog() {
        return catalog;
    }

    public GeofenceEngine engine() {
        return engine;
    }

    /** Mounts the zone API; the router's earlier handlers authenticate, {@code access} authorizes. */
    public void mount(Vertx vertx, Router router, ZoneAccess access) {
        new ZoneRoutes(vertx, catalog, access).mount(router);
    }

    /** Stops evaluation. Positions committed but not evaluated are re-evaluated by the next start. */
    public void stop() {
        evaluator.stop();
    }
}
