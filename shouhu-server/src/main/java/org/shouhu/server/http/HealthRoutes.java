package org.shouhu.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /health}: 200 with every check UP, or 503 naming the checks that are DOWN and why. Load balancers and
 * operators use it; it never needs authentication and never shows data about children.
 */
public final class HealthRoutes {

    private final List<HealthCheck> checks;

    public HealthRoutes(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public void mount(Router router) {
        router.get("/health").handler(this::health);
    }

    private void health(RoutingContext context) {
        List<Future<JsonObject>> results = new ArrayList<>();
        for (HealthCheck check : checks) {
            results.add(check.check()
                    .map(ok -> new JsonObject().put("name", check.name()).put("status", "UP"))
                    .otherwise(error -> new JsonObject().put("name", check.name()).put("status", "DOWN")
                            .put("reason", String.valueOf(error.getMessage()))));
        }
        Future.join(results).onComplete(done -> {
            boolean up = results.stream().allMatch(result -> "UP".equals(result.result().getString("status")));
            JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN");
            body.put("checks", results.stream().map(Future::result).toList());
            context.response().setStatusCode(up ? 200 : 503)
                    .putHeader("content-type", "application/json").end(body.encode());
        });
    }
}
