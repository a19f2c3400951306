package org.shouhu.server.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** One JSON shape for every API error: {@code {"error": "...", "detail": "..."}}. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static void send(RoutingContext context, int status, String error, String detail) {
        context.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", error).put("detail", detail).encode());
    }
}
