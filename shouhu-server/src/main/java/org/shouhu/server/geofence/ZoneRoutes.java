package org.shouhu.server.geofence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.shouhu.geofence.CoordinateSystem;
import org.shouhu.geofence.GeoJsonException;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.RuleJson;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneGeoJson;
import org.shouhu.server.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone API (docs/geofence-operations.md):
 * <pre>
 *   GET    /api/zones               every zone the caller may see, a GeoJSON FeatureCollection in WGS-84
 *   POST   /api/zones               create a zone (Feature) or several (FeatureCollection); 201
 *   GET    /api/zones/{id}          one zone, a Feature
 *   PUT    /api/zones/{id}          create or replace it; 200 or 201
 *   DELETE /api/zones/{id}          delete it and the rules that watch it
 *   GET    /api/zone-rules          every rule, {"rules": [...]}
 *   POST   /api/zone-rules          create a rule or {"rules": [...]}; 201
 *   GET    /api/zone-rules/{id}     one rule
 *   PUT    /api/zone-rules/{id}     create or replace it
 *   DELETE /api/zone-rules/{id}     delete it
 * </pre>
 * Zones may be sent in the coordinate system they were drawn in: {@code ?crs=gcj02|bd09|wgs84} or the Feature's
 * {@code crs} property; they are stored and returned in WGS-84. A change takes effect for the next position
 * evaluated, without a restart. Requests arrive authenticated; {@link ZoneAccess} decides what each caller may see
 * and change.
 */
public final class ZoneRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneRoutes.class);
    private static final int BODY_LIMIT = 2 * 1024 * 1024;

    private final Vertx vertx;
    private final ZoneCatalog catalog;
    private final ZoneAccess access;

    public ZoneRoutes(Vertx vertx, ZoneCatalog catalog, ZoneAccess access) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.access = access;
    }

    public void mount(Router router) {
        router.route("/api/zones*").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        router.route("/api/zone-rules*").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        router.get("/api/zones").handler(this::listZones);
        router.post("/api/zones").handler(this::createZones);
        router.get("/api/zones/:id").handler(this::getZone);
        router.put("/api/zones/:id").handler(this::putZone);
        router.delete("/api/zones/:id").handler(this::deleteZone);
        router.get("/api/zone-rules").handler(this::listRules);
        router.post("/api/zone-rules").handler(this::createRules);
        router.get("/api/zone-rules/:id").handler(this::getRule);
        router.put("/api/zone-rules/:id").handler(this::putRule);
        router.delete("/api/zone-rules/:id").handler(this::deleteRule);
    }

    // ---- zones ----

    private void listZones(RoutingContext context) {
        List<Zone> visible = catalog.zones().stream().filter(zone -> access.mayRead(context, zone)).toList();
        json(context, 200, ZoneDocuments.collection(visible));
    }

    private void getZone(RoutingContext context) {
        Optional<Zone> zone = catalog.zone(context.pathParam("id")).filter(z -> access.mayRead(context, z));
        if (zone.isEmpty()) {
            notFound(context, "zone");
            return;
        }
        json(context, 200, ZoneDocuments.feature(zone.get()));
    }

    private void createZones(RoutingContext context) {
        List<Zone> zones;
        boolean single;
        try {
            JsonObject document = body(context);
            single = "Feature".equals(document.getString("type"));
            zones = ZoneGeoJson.read(withCrs(document, context).encode());
        } catch (RuntimeException e) {
            badRequest(context, "invalid_zone", e);
            return;
        }
        if (zones.stream().anyMatch(zone -> !access.mayChange(context, zone))) {
            forbidden(context, "zone");
            return;
        }
        blocking(context, () -> {
            catalog.createZones(zones);
            return null;
        }, done -> {
            if (single) {
                context.response().putHeader("location", "/api/zones/" + zones.get(0).id());
                json(context, 201, ZoneDocuments.feature(zones.get(0)));
            } else {
                json(context, 201, ZoneDocuments.collection(zones));
            }
        });
    }

    private void putZone(RoutingContext context) {
        String id = context.pathParam("id");
        Zone zone;
        try {
            JsonObject feature = withCrs(body(context), context);
            if (!"Feature".equals(feature.getString("type"))) {
                throw new IllegalArgumentException("PUT takes one GeoJSON Feature");
            }
            zone = ZoneGeoJson.read(withId(feature, id).encode()).get(0);
        } catch (RuntimeException e) {
            badRequest(context, "invalid_zone", e);
            return;
        }
        Optional<Zone> old = catalog.zone(id);
        if (old.isPresent() && !access.mayRead(context, old.get())) {
            notFound(context, "zone"); // its existence is not the caller's business
            return;
        }
        if (!access.mayChange(context, zone) || old.filter(o -> !access.mayChange(context, o)).isPresent()) {
            forbidden(context, "zone");
            return;
        }
        blocking(context, () -> catalog.putZone(zone),
                created -> json(context, created ? 201 : 200, ZoneDocuments.feature(zone)));
    }

    private void deleteZone(RoutingContext context) {
        String id = context.pathParam("id");
        Optional<Zone> zone = catalog.zone(id).filter(z -> access.mayRead(context, z));
        if (zone.isEmpty()) {
            notFound(context, "zone");
            return;
        }
        if (!access.mayChange(context, zone.get())) {
            forbidden(context, "zone");
            return;
        }
        blocking(context, () -> catalog.deleteZone(id), rules -> {
            if (rules.isEmpty()) {
                notFound(context, "zone");
            } else {
                json(context, 200, new JsonObject().put("deleted", id)
                        .put("rulesDeleted", ZoneDocuments.ids(rules.get())));
            }
        });
    }

    // ---- rules ----

    private void listRules(RoutingContext context) {
        json(context, 200, ZoneDocuments.rules(catalog.rules().stream()
                .filter(rule -> access.mayRead(context, rule)).toList()));
    }

    private void getRule(RoutingContext context) {
        Optional<Rule> rule = catalog.rule(context.pathParam("id")).filter(r -> access.mayRead(context, r));
        if (rule.isEmpty()) {
            notFound(context, "rule");
            return;
        }
        json(context, 200, ZoneDocuments.rule(rule.get()));
    }

    private void createRules(RoutingContext context) {
        List<Rule> rules;
        boolean single;
        try {
            JsonObject document = body(context);
            single = !document.containsKey("rules");
            rules = RuleJson.read(document.encode());
        } catch (RuntimeException e) {
            badRequest(context, "invalid_rule", e);
            return;
        }
        if (rules.stream().anyMatch(rule -> !access.mayChange(context, rule))) {
            forbidden(context, "rule");
            return;
        }
        blocking(context, () -> {
            catalog.createRules(rules);
            return null;
        }, done -> {
            if (single) {
                context.response().putHeader("location", "/api/zone-rules/" + rules.get(0).id());
                json(context, 201, ZoneDocuments.rule(rules.get(0)));
            } else {
                json(context, 201, ZoneDocuments.rules(rules));
            }
        });
    }

    private void putRule(RoutingContext context) {
        String id = context.pathParam("id");
        Rule rule;
        try {
            JsonObject document = body(context);
            if (document.containsKey("rules")) {
                throw new IllegalArgumentException("PUT takes one rule object");
            }
            rule = RuleJson.read(withId(document, id).encode()).get(0);
        } catch (RuntimeException e) {
            badRequest(context, "invalid_rule", e);
            return;
        }
        Optional<Rule> old = catalog.rule(id);
        if (old.isPresent() && !access.mayRead(context, old.get())) {
            notFound(context, "rule");
            return;
        }
        if (!access.mayChange(context, rule) || old.filter(o -> !access.mayChange(context, o)).isPresent()) {
            forbidden(context, "rule");
            return;
        }
        blocking(context, () -> !catalog.putRules(List.of(rule)).isEmpty(),
                created -> json(context, created ? 201 : 200, ZoneDocuments.rule(rule)));
    }

    private void deleteRule(RoutingContext context) {
        String id = context.pathParam("id");
        Optional<Rule> rule = catalog.rule(id).filter(r -> access.mayRead(context, r));
        if (rule.isEmpty()) {
            notFound(context, "rule");
            return;
        }
        if (!access.mayChange(context, rule.get())) {
            forbidden(context, "rule");
            return;
        }
        blocking(context, () -> catalog.deleteRule(id), existed -> {
            if (existed) {
                json(context, 200, new JsonObject().put("deleted", id));
            } else {
                notFound(context, "rule");
            }
        });
    }

    // ---- plumbing ----

    private static JsonObject body(RoutingContext context) {
        String text = context.body() == null ? null : context.body().asString();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("request body is empty");
        }
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("request body is not a JSON object: " + e.getMessage());
        }
    }

    /**
     * Applies {@code ?crs=} to every feature that does not name its own coordinate system; a feature naming a
     * different one than the query is refused rather than guessed at.
     */
    private static JsonObject withCrs(JsonObject document, RoutingContext context) {
        String query = context.queryParams().get("crs");
        if (query == null) {
            return document;
        }
        CoordinateSystem crs = CoordinateSystem.fromCode(query);
        JsonArray features = "FeatureCollection".equals(document.getString("type"))
                ? document.getJsonArray("features", new JsonArray()) : new JsonArray().add(document);
        for (Object item : features) {
            if (!(item instanceof JsonObject feature)) {
                continue; // the reader names the bad member
            }
            JsonObject properties = feature.getJsonObject("properties");
            if (properties == null) {
                properties = new JsonObject();
                feature.put("properties", properties);
            }
            String own = properties.getString("crs");
            if (own == null) {
                properties.put("crs", crs.code());
            } else if (CoordinateSystem.fromCode(own) != crs) {
                throw new IllegalArgumentException("feature " + properties.getString("id", "") + " says crs " + own
                        + " but the request says crs=" + query);
            }
        }
        return document;
    }

    /** Puts the path id into the document, refusing a body that names another. */
    private static JsonObject withId(JsonObject document, String id) {
        JsonObject target = document.containsKey("properties") || "Feature".equals(document.getString("type"))
                ? properties(document) : document;
        Object own = target.getValue("id", document.getValue("id"));
        if (own != null && !id.equals(String.valueOf(own))) {
            throw new IllegalArgumentException("the body's id " + own + " differs from the path's " + id);
        }
        target.put("id", id);
        return document;
    }

    private static JsonObject properties(JsonObject feature) {
        JsonObject properties = feature.getJsonObject("properties");
        if (properties == null) {
            properties = new JsonObject();
            feature.put("properties", properties);
        }
        return properties;
    }

    private <T> void blocking(RoutingContext context, Callable<T> work, java.util.function.Consumer<T> respond) {
        Future<T> result = vertx.executeBlocking(work, false);
        result.onSuccess(respond::accept).onFailure(error -> failed(context, error));
    }

    private static void failed(RoutingContext context, Throwable error) {
        if (error instanceof ZoneConflictException) {
            ApiErrors.send(context, 409, "conflict", error.getMessage());
        } else if (error instanceof IllegalArgumentException) {
            ApiErrors.send(context, 400, "invalid_request", error.getMessage());
        } else if (error instanceof GeofenceStoreException) {
            LOG.error("zone API: {}", error.getMessage());
            ApiErrors.send(context, 503, "store_unavailable", "the zone store is unavailable; nothing was changed");
        } else {
            LOG.error("zone API failed", error);
            ApiErrors.send(context, 500, "internal_error", "see server log");
        }
    }

    private static void badRequest(RoutingContext context, String error, RuntimeException e) {
        String detail = e instanceof GeoJsonException || e instanceof IllegalArgumentException
                ? e.getMessage() : e.toString();
        ApiErrors.send(context, 400, error, detail);
    }

    private static void notFound(RoutingContext context, String what) {
        ApiErrors.send(context, 404, what + "_not_found", "no " + what + " " + context.pathParam("id"));
    }

    private static void forbidden(RoutingContext context, String what) {
        ApiErrors.send(context, 403, "forbidden", "not allowed to access this " + what);
    }

    private static void json(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("content-type",
                body.containsKey("type") ? "application/geo+json" : "application/json").end(body.encode());
    }
}
