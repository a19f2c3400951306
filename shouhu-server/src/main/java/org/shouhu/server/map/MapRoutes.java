package org.shouhu.server.map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.shouhu.ingest.PositionQueries;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.directory.Directory;
import org.shouhu.server.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live map's HTTP side:
 * <pre>
 *   GET /map/                              the page (bundled, served from the classpath; works with no internet)
 *   GET /api/map/session                   who is looking, tile settings, the visible jurisdiction boundaries
 *   GET /api/map/live                      server-sent events: "positions" and "alerts"
 *   GET /api/map/devices/{imei}            a wristband's newest position, battery and worn status
 *   GET /api/map/devices/{imei}/track      GeoJSON track for ?from=&amp;to= (ISO-8601; default the last hour)
 * </pre>
 * Every answer is limited to what the viewer may see: a dispatcher gets the wristbands and alerts of their own
 * jurisdiction only, and a wristband elsewhere answers 403.
 */
final class MapRoutes {

    static final int QUEUE_LIMIT = 500;
    private static final Logger LOG = LoggerFactory.getLogger(MapRoutes.class);
    private static final Duration DEFAULT_TRACK = Duration.ofHours(1);

    private final Vertx vertx;
    private final MapSettings settings;
    private final Directory directory;
    private final LiveFeed feed;
    private final AlertQueue queue;
    private final AlertLogWatcher watcher;
    private final MapAccess access;
    private final PositionQueries positions;
    private final DeviceLatest latest;
    private final Clock clock;
    private final Counter dropped;

    MapRoutes(Vertx vertx, MapSettings settings, Directory directory, LiveFeed feed, AlertQueue queue,
              AlertLogWatcher watcher, MapAccess access, PositionQueries positions, DeviceLatest latest,
              Clock clock, MeterRegistry registry) {
        this.vertx = vertx;
        this.settings = settings;
        this.directory = directory;
        this.feed = feed;
        this.queue = queue;
        this.watcher = watcher;
        this.access = Objects.requireNonNull(access, "access");
        this.positions = positions;
        this.latest = latest;
        this.clock = clock;
        this.dropped = Counter.builder("shouhu.map.clients.dropped")
                .description("Live maps disconnected because they fell behind the feed").register(registry);
        Gauge.builder("shouhu.map.clients", feed, LiveFeed::clientCount)
                .description("Live maps connected").register(registry);
    }

    void mount(Router router) {
        router.get("/api/map/session").handler(context -> withViewer(context, this::session));
        router.get("/api/map/live").handler(context -> withViewer(context, viewer -> {
            logged(context, "map.live", Optional.empty(), true, viewer.jurisdiction().orElse("all jurisdictions"))
                    .onSuccess(ok -> openFeed(context, viewer))
                    .onFailure(error -> fail(context, error));
            return null;
        }));
        router.get("/api/map/devices/:imei").handler(context -> withViewer(context, viewer ->
                withDevice(context, viewer, "map.device", device -> status(device))));
        router.get("/api/map/devices/:imei/track").handler(context -> withViewer(context, viewer ->
                withDevice(context, viewer, "map.track", device -> track(context, device))));
        router.route("/map/*").handler(StaticHandler.create("webroot").setIndexPage("index.html")
                .setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
    }

    private Future<JsonObject> session(MapViewer viewer) {
        JsonArray visible = new JsonArray();
        JsonArray all = directory.snapshot().jurisdictionsGeoJson().getJsonArray("features");
        for (int i = 0; i < all.size(); i++) {
            JsonObject feature = all.getJsonObject(i);
            if (viewer.sees(feature.getJsonObject("properties").getString("id"))) {
                visible.add(feature);
            }
        }
        return Future.succeededFuture(new JsonObject()
                .put("viewer", new JsonObject()
                        .put("actor", new JsonObject().put("kind", viewer.actor().kind().name().toLowerCase())
                                .put("id", viewer.actor().id()))
                        .put("jurisdiction", viewer.jurisdiction().orElse(null)))
                .put("tiles", new JsonObject().put("url", settings.tileUrl())
                        .put("attribution", settings.tileAttribution()))
                .put("jurisdictions", new JsonObject().put("type", "FeatureCollection").put("features", visible))
                .put("maxTrackHours", settings.maxTrackSpan().toMinutes() / 60.0));
    }

    private void openFeed(RoutingContext context, MapViewer viewer) {
        context.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Accel-Buffering", "no")
                .write("retry: 1000\n\n");
        MapClient[] holder = new MapClient[1];
        MapClient client = new MapClient(viewer, context.response(), context.request().connection(),
                vertx.getOrCreateContext(),
                settings.clientBufferBytes(), () -> feed.disconnect(holder[0]), dropped::increment);
        holder[0] = client;
        feed.connect(client);
        watcher.openAlerts()
                .onSuccess(open -> client.send("alerts", queue.json(open, viewer)))
                .onFailure(error -> {
                    LOG.warn("alert queue for a new map failed: {}", error.getMessage());
                    client.drop();
                });
    }

    private Future<JsonObject> status(DeviceId device) {
        return vertx.executeBlocking(() -> latest.find(device), false).map(row -> {
            JsonObject json = new JsonObject().put("id", device.toString()).put("name", childName(device));
            row.ifPresent(found -> {
                found.fixTime().ifPresent(time -> json.put("lat", found.latitude()).put("lon", found.longitude())
                        .put("acc", found.accuracyMetres()).put("fix", time.toString()));
                found.statusTime().ifPresent(time -> json.put("statusTime", time.toString()));
                json.put("battery", found.battery() < 0 ? null : found.battery())
                        .put("worn", found.worn().orElse(null)).put("charging", found.charging().orElse(null));
            });
            return json;
        });
    }

    private Future<JsonObject> track(RoutingContext context, DeviceId device) {
        Instant to;
        Instant from;
        try {
            to = instantParam(context, "to").orElse(clock.instant());
            from = instantParam(context, "from").orElse(to.minus(DEFAULT_TRACK));
        } catch (DateTimeParseException e) {
            return Future.failedFuture(new IllegalArgumentException("from and to must be ISO-8601 instants, e.g. "
                    + "2026-05-01T08:00:00Z: " + e.getParsedString()));
        }
        if (!to.isAfter(from)) {
            return Future.failedFuture(new IllegalArgumentException("the time range must end after it starts"));
        }
        if (Duration.between(from, to).compareTo(settings.maxTrackSpan()) > 0) {
            return Future.failedFuture(new IllegalArgumentException("the time range may cover at most "
                    + settings.maxTrackSpan()));
        }
        Instant start = from;
        Instant end = to;
        return vertx.executeBlocking(() -> positions.track(device, start, end), false)
                .map(fixes -> TrackJson.feature(device, childName(device), start, end, fixes));
    }

    /** Runs the action only for a wristband the viewer may see now: 403 otherwise, 400 for a bad IMEI. */
    private Future<JsonObject> withDevice(RoutingContext context, MapViewer viewer, String readAction,
                                          Function<DeviceId, Future<JsonObject>> action) {
        DeviceId device;
        try {
            device = DeviceId.parse(context.pathParam("imei"));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new IllegalArgumentException("bad wristband id: " + e.getMessage()));
        }
        String detail = context.request().query() == null ? "" : context.request().query();
        return visible(viewer, device).compose(allowed -> logged(context, readAction, Optional.of(device), allowed,
                        detail).map(ok -> allowed))
                .compose(allowed -> allowed ? action.apply(device) : Future.failedFuture(
                        new MapAccessDenied("wristband " + device + " is not in your jurisdiction")));
    }

    /** Writes the read to the access log first; a read that could not be logged is not served. */
    private Future<Void> logged(RoutingContext context, String action, Optional<DeviceId> device, boolean allowed,
                                String detail) {
        return vertx.executeBlocking(() -> {
            access.recordRead(context, action, device, allowed, detail);
            return null;
        }, false);
    }

    private Future<Boolean> visible(MapViewer viewer, DeviceId device) {
        if (viewer.seesEverything()) {
            return Future.succeededFuture(true);
        }
        if (viewer.jurisdiction().filter(access.assignedJurisdictions(device)::contains).isPresent()) {
            return Future.succeededFuture(true);
        }
        return vertx.executeBlocking(() -> latest.find(device), false).compose(row -> {
            boolean inside = row.flatMap(found -> found.fixTime().map(time -> found))
                    .flatMap(found -> directory.locate(found.latitude(), found.longitude()))
                    .filter(jurisdiction -> viewer.sees(jurisdiction.id())).isPresent();
            if (inside) {
                return Future.succeededFuture(true);
            }
            // A child whose open alert belongs to this dispatcher stays visible after leaving the jurisdiction.
            return watcher.openAlerts().map(open -> open.stream().filter(alert -> alert.device().equals(device))
                    .anyMatch(alert -> queue.visible(alert, viewer)));
        });
    }

    private String childName(DeviceId device) {
        return directory.forDevice(device).map(recipients -> recipients.child().name()).orElse("");
    }

    private static Optional<Instant> instantParam(RoutingContext context, String name) {
        String text = context.queryParams().get(name);
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(Instant.parse(text));
    }

    private void withViewer(RoutingContext context, Function<MapViewer, Future<JsonObject>> action) {
        Optional<MapViewer> viewer;
        try {
            viewer = access.viewer(context);
        } catch (MapAccess.ViewerUnknownException e) {
            ApiErrors.send(context, 401, "unauthenticated", e.getMessage());
            return;
        }
        if (viewer.isEmpty()) {
            ApiErrors.send(context, 403, "forbidden", "the live map is for dispatchers and administrators");
            return;
        }
        Future<JsonObject> result = action.apply(viewer.get());
        if (result == null) {
            return; // the action answers by itself (the event stream)
        }
        result.onSuccess(body -> context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(body.encode()))
                .onFailure(error -> fail(context, error));
    }

    private static void fail(RoutingContext context, Throwable error) {
        if (error instanceof MapAccessDenied) {
            ApiErrors.send(context, 403, "forbidden", error.getMessage());
        } else if (error instanceof IllegalArgumentException) {
            ApiErrors.send(context, 400, "bad_request", error.getMessage());
        } else {
            LOG.error("map API failed", error);
            ApiErrors.send(context, 500, "internal_error", "see server log");
        }
    }

    /** The viewer may not see this wristband. */
    static final class MapAccessDenied extends RuntimeException {
        MapAccessDenied(String message) {
            super(message);
        }
    }
}
