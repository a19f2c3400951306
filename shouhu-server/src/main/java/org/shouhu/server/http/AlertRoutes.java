package org.shouhu.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.shouhu.alert.Actor;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertNotFoundException;
import org.shouhu.alert.AlertService;
import org.shouhu.alert.AlertStateException;
import org.shouhu.alert.AuditEvent;
import org.shouhu.alert.CapDocumentException;

/**
 * The alert API used by police consoles and guardians' apps:
 * <pre>
 *   GET  /api/alerts                    open alerts, newest first
 *   GET  /api/alerts/{id}               one alert
 *   GET  /api/alerts/{id}/audit         its audit trail
 *   POST /api/alerts/{id}/acknowledge   {"actor": {"kind": "police", "id": "..."}}
 *   POST /api/alerts/{id}/resolve       same body
 *   POST /api/cap/ack                   a CAP 1.2 Ack document from a dispatch centre
 * </pre>
 */
public final class AlertRoutes {

    private final AlertService alerts;

    public AlertRoutes(AlertService alerts) {
        this.alerts = alerts;
    }

    public void mount(Router router) {
        router.route("/api/alerts*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.route("/api/cap/*").handler(BodyHandler.create().setBodyLimit(256 * 1024));
        router.get("/api/alerts").handler(context -> respond(context, alerts.openAlerts(limit(context))
                .map(list -> new JsonArray(list.stream().map(AlertJson::summary).toList()))));
        router.get("/api/alerts/:id").handler(context -> withId(context,
                id -> alerts.alert(id).map(AlertJson::summary)));
        router.get("/api/alerts/:id/audit").handler(context -> withId(context, id -> alerts.auditTrail(id)
                .map(AlertRoutes::audit)));
        router.post("/api/alerts/:id/acknowledge").handler(context -> withId(context, id -> actor(context)
                .compose(actor -> alerts.acknowledge(id, actor))
                .map(state -> new JsonObject().put("id", id.toString()).put("state", state.name()))));
        router.post("/api/alerts/:id/resolve").handler(context -> withId(context, id -> actor(context)
                .compose(actor -> alerts.resolve(id, actor))
                .map(state -> new JsonObject().put("id", id.toString()).put("state", state.name()))));
        router.post("/api/cap/ack").handler(context -> respond(context,
                alerts.acceptCapAck(context.body().asString()).map(ids -> new JsonObject()
                        .put("acknowledged", new JsonArray(ids.stream().map(AlertId::toString).toList())))));
    }

    private static int limit(RoutingContext context) {
        String text = context.queryParams().get("limit");
        try {
            return text == null ? 100 : Math.max(1, Math.min(1000, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private void withId(RoutingContext context, java.util.function.Function<AlertId, Future<?>> action) {
        AlertId id;
        try {
            id = AlertId.parse(context.pathParam("id"));
        } catch (IllegalArgumentException e) {
            ApiErrors.send(context, 400, "bad_alert_id", e.getMessage());
            return;
        }
        respond(context, action.apply(id));
    }

    private static Future<Actor> actor(RoutingContext context) {
        try {
            JsonObject body = context.body().asJsonObject();
            JsonObject actor = body == null ? null : body.getJsonObject("actor");
            if (actor == null) {
                return Future.failedFuture(new IllegalArgumentException("body needs an actor {kind, id}"));
            }
            return Future.succeededFuture(new Actor(
                    Actor.Kind.valueOf(actor.getString("kind", "").toUpperCase(java.util.Locale.ROOT)),
                    actor.getString("id", "")));
        } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalArgumentException("bad actor: " + e.getMessage()));
        }
    }

    private static JsonArray audit(List<AuditEvent> events) {
        return new JsonArray(events.stream().map(event -> new JsonObject()
                .put("at", event.at().toString()).put("type", event.type().name()).put("actor", event.actor())
                .put("recipient", event.recipient()).put("detail", event.detail())).toList());
    }

    private static void respond(RoutingContext context, Future<?> result) {
        result.onSuccess(body -> context.response().putHeader("content-type", "application/json")
                        .end(body instanceof JsonArray array ? array.encode() : ((JsonObject) body).encode()))
                .onFailure(error -> {
                    if (error instanceof AlertNotFoundException) {
                        ApiErrors.send(context, 404, "alert_not_found", error.getMessage());
                    } else if (error instanceof AlertStateException) {
                        ApiErrors.send(context, 409, "alert_state_conflict", error.getMessage());
                    } else if (error instanceof CapDocumentException || error instanceof IllegalArgumentException) {
                        ApiErrors.send(context, 400, "bad_request", error.getMessage());
                    } else {
                        ApiErrors.send(context, 500, "internal_error", "see server log");
                        org.slf4j.LoggerFactory.getLogger(AlertRoutes.class).error("alert API failed", error);
                    }
                });
    }
}
