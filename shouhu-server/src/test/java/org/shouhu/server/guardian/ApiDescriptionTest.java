package org.shouhu.server.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI description served by the server is the one in docs, and names every route of the API. */
class ApiDescriptionTest {

    private static final List<String> ROUTES = List.of("/api/auth/token", "/api/auth/logout", "/api/auth/me",
            "/api/accounts", "/api/accounts/{username}/disable", "/api/accounts/{username}/enable",
            "/api/jurisdictions/{jurisdictionId}/devices", "/api/jurisdictions/{jurisdictionId}/devices/{device}",
            "/api/children", "/api/children/{childId}", "/api/children/{childId}/position",
            "/api/children/{childId}/track", "/api/children/{childId}/zones",
            "/api/children/{childId}/access-log", "/api/alerts", "/api/alerts/{alertId}", "/api/alerts/{alertId}/audit",
            "/api/alerts/{alertId}/acknowledge", "/api/alerts/{alertId}/resolve", "/api/cap/ack",
            "/api/openapi.yaml");

    @Test
    void docs_hold_the_same_description_the_server_serves() throws Exception {
        assertThat(Files.readString(docsCopy(), StandardCharsets.UTF_8)).isEqualTo(served());
    }

    @Test
    void description_is_openapi_3_and_names_every_route() throws Exception {
        String yaml = served();
        assertThat(yaml).startsWith("openapi: 3.");
        Matcher paths = Pattern.compile("(?m)^  (/api/\\S+):$").matcher(yaml);
        List<String> described = paths.results().map(match -> match.group(1)).toList();
        assertThat(described).containsExactlyInAnyOrderElementsOf(ROUTES);
    }

    private static String served() throws Exception {
        try (InputStream in = ApiDescriptionRoutes.class.getClassLoader()
                .getResourceAsStream(ApiDescriptionRoutes.RESOURCE)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** docs/ sits beside the module; tests run in the module directory. */
    private static Path docsCopy() {
        Path fromModule = Path.of("..", "docs", "openapi.yaml");
        return Files.exists(fromModule) ? fromModule : Path.of("docs", "openapi.yaml");
    }
}
