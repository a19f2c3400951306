package org.shouhu.server.guardian;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneGeoJson;
import org.shouhu.ingest.PositionQueries;
import org.shouhu.ingest.StoredFix;
import org.shouhu.server.auth.AccessControl;
import org.shouhu.server.auth.Authenticated;
import org.shouhu.server.auth.LocationRead;
import org.shouhu.server.auth.Principal;
import org.shouhu.server.directory.ChildEntry;
import org.shouhu.server.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Children and where they are, for guardians (their own children), dispatchers (children whose wristband is in their
 * jurisdiction now) and administrators:
 * <pre>
 *   GET /api/children                         the children the account may see
 *   GET /api/children/{id}                    one child
 *   GET /api/children/{id}/position           newest position, a GeoJSON Point Feature (404 when none yet)
 *   GET /api/children/{id}/track?date=YYYY-MM-DD | ?from=&amp;to=
 *                                             a day's track (China Standard Time, today by default), a GeoJSON
 *                                             LineString Feature with each vertex's time
 *   GET /api/children/{id}/zones              the zones serving the child (home, school...), a FeatureCollection;
 *                                             created, changed and deleted through the zone API /api/zones
 *   GET /api/children/{id}/access-log         who read the child's location, newest first (its guardians and
 *                                             administrators; only administrators see the readers' user names)
 * </pre>
 * A child the account may not see and a child that does not exist both get 403, so ids cannot be probed. Every
 * position or track request, allowed or refused, is written to the access log before the answer is sent; when the
 * log cannot be written, the location is not sent.
 */
public final class ChildRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ChildRoutes.class);

    private final AccessControl access;
    private final PositionQueries positions;
    private final Supplier<? extends Collection<Zone>> zones;
    private final Clock clock;

    /** @param zones the current zones ({@code geofence.catalog()::zones}) */
    public ChildRoutes(AccessControl access, PositionQueries positions, Supplier<? extends Collection<Zone>> zones,
                       Clock clock) {
        this.access = Objects.requireNonNull(access, "access");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.zones = Objects.requireNonNull(zones, "zones");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void mount(Router router) {
        router.get("/api/children").handler(this::children);
        router.get("/api/children/:childId").handler(this::child);
        router.get("/api/children/:childId/position").handler(this::position);
        router.get("/api/children/:childId/track").handler(this::track);
        router.get("/api/children/:childId/zones").handler(this::zones);
        router.get("/api/children/:childId/access-log").handler(this::accessLog);
    }

    private void children(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        respondArray(context, blocking(() -> new JsonArray(access.visibility().visibleChildren(principal).stream()
                .map(LocationGeoJson::child).toList())));
    }

    private void child(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        String childId = context.pathParam("childId");
        respond(context, blocking(() -> access.visibility().visibleChild(principal, childId)
                .map(LocationGeoJson::child)
                .orElseThrow(() -> new Refused(childId))));
    }

    private void position(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        String childId = context.pathParam("childId");
        respond(context, blocking(() -> {
            ChildEntry child = visibleOrLogRefusal(principal, "child.position", childId, "");
            access.accessLog().record(LocationRead.allowed(principal, "child.position", childId, child.device(),
                    "newest position"));
            Optional<StoredFix> latest = positions.latest(child.device());
            return latest.map(fix -> LocationGeoJson.latest(child, fix, clock))
                    .orElseThrow(() -> new NoPosition(childId));
        }));
    }

    private void track(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        String childId = context.pathParam("childId");
        TrackWindow window;
        try {
            window = TrackWindow.of(context.queryParams().get("date"), context.queryParams().get("from"),
                    context.queryParams().get("to"), clock);
        } catch (IllegalArgumentException e) {
            ApiErrors.send(context, 400, "bad_range", e.getMessage());
            return;
        }
        respond(context, blocking(() -> {
            ChildEntry child = visibleOrLogRefusal(principal, "child.track", childId, window.toString());
            access.accessLog().record(LocationRead.allowed(principal, "child.track", childId, child.device(),
                    window.toString()));
            return LocationGeoJson.track(child, positions.track(child.device(), window.from(), window.to()),
                    window.from(), window.to());
        }));
    }

    /** A child's zones tell where it lives and goes to school: they are read, and logged, like its positions. */
    private void zones(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        String childId = context.pathParam("childId");
        respond(context, blocking(() -> {
            ChildEntry child = visibleOrLogRefusal(principal, "child.zones", childId, "");
            access.accessLog().record(LocationRead.allowed(principal, "child.zones", childId, child.device(),
                    "zones serving the child"));
            List<Zone> served = zones.get().stream().filter(zone -> zone.children().contains(child.device()))
                    .toList();
            return new JsonObject(ZoneGeoJson.write(served));
        }));
    }

    /**
     * Who looked at the child: a guardian's right to know. Guardians see the role and what was read; the readers'
     * user names (police officers' among them) only administrators.
     */
    private void accessLog(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        String childId = context.pathParam("childId");
        boolean administrator = principal instanceof Principal.Administrator;
        if (!administrator && !access.visibility().childrenOfGuardian(principal).contains(childId)) {
            ApiErrors.send(context, 403, "forbidden", "only the child's guardians and administrators");
            return;
        }
        int limit = Math.max(1, Math.min(1000, intParameter(context, "limit", 100)));
        respondArray(context, blocking(() -> new JsonArray(access.accessLog().forChild(childId, limit).stream()
                .map(entry -> {
                    JsonObject json = new JsonObject().put("at", entry.at().toString()).put("role", entry.role())
                            .put("action", entry.action()).put("allowed", entry.allowed())
                            .put("detail", entry.detail());
                    return administrator ? json.put("username", entry.username()) : json;
                }).toList())));
    }

    private static int intParameter(RoutingContext context, String name, int otherwise) {
        try {
            String text = context.queryParams().get(name);
            return text == null ? otherwise : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The child if the account may see it; otherwise logs the refused read and throws {@link Refused}. */
    private ChildEntry visibleOrLogRefusal(Principal principal, String action, String childId, String detail)
            throws Exception {
        Optional<ChildEntry> child = access.visibility().visibleChild(principal, childId);
        if (child.isEmpty()) {
            access.accessLog().record(LocationRead.refused(principal, action, childId,
                    ("not visible to this account " + detail).trim()));
            LOG.warn("refused {} of child {} to {} ({})", action, childId, principal.username(),
                    principal.role().token());
            throw new Refused(childId);
        }
        return child.get();
    }

    private <T> Future<T> blocking(Callable<T> work) {
        return access.executor().executeBlocking(work, false);
    }

    private static void respond(RoutingContext context, Future<JsonObject> result) {
        result.onSuccess(body -> context.response().putHeader("content-type", contentType(body))
                        .end(body.encode()))
                .onFailure(error -> fail(context, error));
    }

    private static void respondArray(RoutingContext context, Future<JsonArray> result) {
        result.onSuccess(body -> context.response().putHeader("content-type", "application/json")
                        .end(body.encode()))
                .onFailure(error -> fail(context, error));
    }

    private static String contentType(JsonObject body) {
        String type = body.getString("type");
        return "Feature".equals(type) || "FeatureCollection".equals(type) ? "application/geo+json"
                : "application/json";
    }

    private static void fail(RoutingContext context, Throwable error) {
        if (error instanceof Refused) {
            ApiErrors.send(context, 403, "forbidden", error.getMessage());
        } else if (error instanceof NoPosition) {
            ApiErrors.send(context, 404, "no_position", error.getMessage());
        } else {
            LOG.error("child API failed", error);
            ApiErrors.send(context, 500, "internal_error", "see server log");
        }
    }

    /** The account may not see the child, or there is no such child (403: the two are not told apart). */
    private static final class Refused extends RuntimeException {
        Refused(String childId) {
            super("child " + childId + " is not among the children this account may see", null, false, false);
        }
    }

    /** The child's wristband has not reported a position yet (or it is older than the retention). */
    private static final class NoPosition extends RuntimeException {
        NoPosition(String childId) {
            super("no position stored for child " + childId, null, false, false);
        }
    }
}
