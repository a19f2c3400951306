package org.shouhu.server.guardian;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.yaml}: the OpenAPI 3 description of the HTTP API, public (it describes, it shows no data).
 * The same file is kept in {@code docs/openapi.yaml}; a test keeps the two equal.
 */
public final class ApiDescriptionRoutes {

    /** Where the description is on the class path. */
    public static final String RESOURCE = "openapi/shouhu-api.yaml";

    private final Buffer description;

    public ApiDescriptionRoutes() {
        try (InputStream in = ApiDescriptionRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            description = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void mount(Router router) {
        router.get("/api/openapi.yaml").handler(context -> context.response()
                .putHeader("content-type", "application/yaml; charset=utf-8")
                .end(description));
    }
}
