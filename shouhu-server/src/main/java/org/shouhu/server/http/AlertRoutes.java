package org.shouhu.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertNotFoundException;
import org.shouhu.alert.AlertService;
import org.shouhu.alert.AlertStateException;
import org.shouhu.alert.AlertSummary;
import org.shouhu.alert.AuditEvent;
import org.shouhu.alert.CapDocumentException;
import org.shouhu.alert.internal.CapAckParser;
import org.shouhu.server.auth.AccessControl;
import org.shouhu.server.auth.AlertScope;
import org.shouhu.server.auth.Authenticated;
import org.shouhu.server.auth.LocationRead;
import org.shouhu.server.auth.Principal;

/**
 * The alert API used by police consoles and guardians' apps. Every route needs a signed-in account, and each sees
 * only the alerts {@link org.shouhu.server.auth.Visibility} lets it see: a dispatcher those raised in their
 * jurisdiction, a guardian those about their children, an administrator all. The actor recorded in the audit trail
 * is the signed-in account. Reads of alerts (they carry the child's position) are written to the access log.
 * <pre>
 *   GET  /api/alerts?state=open|all&amp;limit=N   visible alerts, newest first (open ones by default)
 *   GET  /api/alerts/{id}                     one alert
 *   GET  /api/alerts/{id}/audit               its audit trail
 *   POST /api/alerts/{id}/acknowledge         take the alert on (police, guardian, administrator)
 *   POST /api/alerts/{id}/resolve             close it (police, administrator)
 *   POST /api/cap/ack                         a CAP 1.2 Ack document from a dispatch centre (police, administrator)
 * </pre>
 */
public final class AlertRoutes {

    private final AlertService alerts;
    private final AccessControl access;
    private final CapAckParser capAcks;

    public AlertRoutes(AlertService alerts, AccessControl access, String capSender) {
        this.alerts = alerts;
        this.access = access;
        this.capAcks = new CapAckParser(capSender);
    }

    public void mount(Router router) {
        router.route("/api/alerts*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.route("/api/cap/*").handler(BodyHandler.create().setBodyLimit(256 * 1024));
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/:id").handler(context -> withVisibleAlert(context, "alert.read",
                (principal, scope) -> alerts.alert(scope.id()).map(alert -> summary(alert, scope))));
        router.get("/api/alerts/:id/audit").handler(context -> withVisibleAlert(context, "alert.audit",
                (principal, scope) -> alerts.auditTrail(scope.id()).map(AlertRoutes::audit)));
        router.post("/api/alerts/:id/acknowledge").handler(context -> withVisibleAlert(context, "alert.acknowledge",
                (principal, scope) -> alerts.acknowledge(scope.id(), principal.actor())
                        .map(state -> new JsonObject().put("id", scope.id().toString()).put("state", state.name()))));
        router.post("/api/alerts/:id/resolve").handler(context -> withVisibleAlert(context, "alert.resolve",
                (principal, scope) -> {
                    if (!access.visibility().mayResolveAlert(principal, scope)) {
                        return Future.failedFuture(new Forbidden("guardians acknowledge alerts; the police or an "
                                + "administrator resolves them"));
                    }
                    return alerts.resolve(scope.id(), principal.actor())
                            .map(state -> new JsonObject().put("id", scope.id().toString()).put("state", state.name()));
                }));
        router.post("/api/cap/ack").handler(this::capAck);
    }

    private void list(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        if (!access.visibility().mayReadLocations(principal)) {
            ApiErrors.send(context, 403, "forbidden", "this account sees no alerts");
            return;
        }
        String state = context.queryParams().get("state");
        if (state != null && !state.equals("open") && !state.equals("all")) {
            ApiErrors.send(context, 400, "bad_request", "state must be open or all");
            return;
        }
        boolean openOnly = !"all".equals(state);
        Future<List<AlertScope>> scopes = access.executor().executeBlocking(
                () -> access.visibility().listableAlerts(principal, openOnly, limit(context)), false);
        respond(context, scopes.compose(list -> {
            List<Future<JsonObject>> summaries = new ArrayList<>();
            for (AlertScope scope : list) {
                summaries.add(alerts.alert(scope.id()).map(alert -> summary(alert, scope)));
            }
            return Future.all(summaries).compose(all -> logReads(principal, "alert.list", list, true, "")
                    .map(logged -> new JsonArray(summaries.stream().map(Future::result).toList())));
        }));
    }

    private static int limit(RoutingContext context) {
        String text = context.queryParams().get("limit");
        try {
            return text == null ? 100 : Math.max(1, Math.min(1000, Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** What a route does with an alert the account may see. */
    private interface AlertAction {
        Future<?> apply(Principal principal, AlertScope scope);
    }

    /**
     * Finds the alert, refuses with 403 (logged) when the account may not see it, logs the allowed read, then runs
     * the action.
     */
    private void withVisibleAlert(RoutingContext context, String action, AlertAction then) {
        AlertId id;
        try {
            id = AlertId.parse(context.pathParam("id"));
        } catch (IllegalArgumentException e) {
            ApiErrors.send(context, 400, "bad_alert_id", e.getMessage());
            return;
        }
        Principal principal = Authenticated.principal(context);
        Future<Optional<AlertScope>> found = access.executor().executeBlocking(
                () -> access.visibility().alertScope(id), false);
        respond(context, found.compose(scope -> {
            if (scope.isEmpty()) {
                return Future.failedFuture(new AlertNotFoundException(id));
            }
            boolean allowed = access.visibility().maySeeAlert(principal, scope.get());
            return logReads(principal, action, List.of(scope.get()), allowed, allowed ? "" : "not visible")
                    .compose(logged -> allowed ? then.apply(principal, scope.get())
                            : Future.failedFuture(new Forbidden("this alert is not yours to see")));
        }));
    }

    private void capAck(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        if (!(principal instanceof Principal.Administrator) && !(principal instanceof Principal.Dispatcher)) {
            ApiErrors.send(context, 403, "forbidden", "only the police or an administrator acknowledge by CAP");
            return;
        }
        String body = context.body().asString();
        // Every alert the Ack names must be visible to the account before any is acknowledged.
        Future<Void> checked = access.executor().executeBlocking(() -> {
            for (AlertId id : capAcks.parse(body).alerts()) {
                Optional<AlertScope> scope = access.visibility().alertScope(id);
                if (scope.isPresent() && !access.visibility().maySeeAlert(principal, scope.get())) {
                    throw new Forbidden("alert " + id + " is not yours to acknowledge");
                }
            }
            return null;
        }, false);
        respond(context, checked.compose(ok -> alerts.acceptCapAck(body)).map(ids -> new JsonObject()
                .put("acknowledged", new JsonArray(ids.stream().map(AlertId::toString).toList()))));
    }

    private Future<Void> logReads(Principal principal, String action, List<AlertScope> scopes, boolean allowed,
                                  String detail) {
        if (scopes.isEmpty()) {
            return Future.succeededFuture();
        }
        List<LocationRead> reads = scopes.stream().map(scope -> new LocationRead(principal, action,
                Optional.of(scope.childId()), Optional.of(scope.device()), allowed,
                ("alert " + scope.id() + " " + detail).trim())).toList();
        return access.executor().executeBlocking(() -> {
            access.accessLog().record(reads);
            return null;
        }, false);
    }

    /** The alert as {@link AlertJson} shows it, with the ids that decide who sees it. */
    private static JsonObject summary(AlertSummary alert, AlertScope scope) {
        JsonObject json = AlertJson.summary(alert).put("childId", scope.childId());
        scope.jurisdictionId().ifPresent(jurisdiction -> json.put("jurisdictionId", jurisdiction));
        return json;
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
                    if (error instanceof Forbidden) {
                        ApiErrors.send(context, 403, "forbidden", error.getMessage());
                    } else if (error instanceof AlertNotFoundException) {
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

    /** The account may not do this (403). */
    private static final class Forbidden extends RuntimeException {
        Forbidden(String message) {
            super(message, null, false, false);
        }
    }
}
