package org.shouhu.server.auth;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.directory.Directory;
import org.shouhu.server.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigning wristbands to police jurisdictions:
 * <pre>
 *   GET    /api/jurisdictions/{id}/devices            the devices assigned (administrators, its dispatchers)
 *   PUT    /api/jurisdictions/{id}/devices/{device}   assign (administrators)
 *   DELETE /api/jurisdictions/{id}/devices/{device}   unassign (administrators)
 * </pre>
 */
public final class AssignmentRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentRoutes.class);

    private final DeviceAssignments assignments;
    private final Directory directory;
    private final WorkerExecutor executor;

    public AssignmentRoutes(DeviceAssignments assignments, Directory directory, WorkerExecutor executor) {
        this.assignments = Objects.requireNonNull(assignments, "assignments");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public void mount(Router router) {
        router.get("/api/jurisdictions/:jurisdictionId/devices").handler(this::list);
        router.put("/api/jurisdictions/:jurisdictionId/devices/:device").handler(context -> change(context, true));
        router.delete("/api/jurisdictions/:jurisdictionId/devices/:device")
                .handler(context -> change(context, false));
    }

    private void list(RoutingContext context) {
        Principal principal = Authenticated.principal(context);
        String jurisdictionId = context.pathParam("jurisdictionId");
        boolean allowed = principal instanceof Principal.Administrator
                || principal instanceof Principal.Dispatcher dispatcher
                && dispatcher.jurisdictionId().equals(jurisdictionId);
        if (!allowed) {
            ApiErrors.send(context, 403, "forbidden", "only administrators and this jurisdiction's dispatchers");
            return;
        }
        JsonArray devices = new JsonArray(assignments.devicesOf(jurisdictionId).stream().map(DeviceId::toString)
                .sorted().toList());
        context.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("jurisdiction", jurisdictionId).put("devices", devices).encode());
    }

    private void change(RoutingContext context, boolean assign) {
        Principal principal = Authenticated.principal(context);
        if (!(principal instanceof Principal.Administrator)) {
            ApiErrors.send(context, 403, "forbidden", "only administrators assign wristbands to jurisdictions");
            return;
        }
        String jurisdictionId = context.pathParam("jurisdictionId");
        DeviceId device;
        try {
            device = DeviceId.parse(context.pathParam("device"));
        } catch (IllegalArgumentException e) {
            ApiErrors.send(context, 400, "bad_device", e.getMessage());
            return;
        }
        if (directory.snapshot().content().jurisdictions().stream()
                .noneMatch(entry -> entry.id().equals(jurisdictionId))) {
            ApiErrors.send(context, 404, "jurisdiction_not_found", "no jurisdiction " + jurisdictionId);
            return;
        }
        executor.executeBlocking(() -> assign ? assignments.assign(jurisdictionId, device, principal.username())
                : assignments.unassign(jurisdictionId, device), false).onComplete(result -> {
                    if (result.failed()) {
                        LOG.error("device assignment failed", result.cause());
                        ApiErrors.send(context, 500, "internal_error", "see server log");
                        return;
                    }
                    LOG.info("device {} {} jurisdiction {} by {}", device, assign ? "assigned to" : "unassigned from",
                            jurisdictionId, principal.username());
                    context.response().putHeader("content-type", "application/json").end(new JsonObject()
                            .put("jurisdiction", jurisdictionId).put("device", device.toString())
                            .put("assigned", assign).put("changed", result.result()).encode());
                });
    }
}
