package org.shouhu.server.map;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.shouhu.server.ShouhuConfig;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.auth.NewAccount;
import org.shouhu.server.testing.Platform;

/**
 * A real server on the test platform (fresh database, test broker; jurisdictions north and south of latitude 27.3)
 * with one dispatcher account per jurisdiction and an administrator.
 */
final class MapServer implements AutoCloseable {

    static final String PASSWORD = "correct-horse-battery-staple";
    static final String SOUTH = "disp-south";
    static final String NORTH = "disp-north";
    static final String ADMIN = "map-admin";

    final Platform platform;
    final ShouhuServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MapServer(Path directory, Map<String, String> extraSettings) throws Exception {
        platform = new Platform();
        Map<String, String> settings = platform.serverSettings(directory, 0);
        settings.put("auth.bcrypt-cost", "4");
        settings.putAll(extraSettings);
        server = ShouhuServer.start(ShouhuConfig.from(settings))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        var accounts = server.access().accounts();
        accounts.create(NewAccount.dispatcher(SOUTH, "South desk", PASSWORD, "south"));
        accounts.create(NewAccount.dispatcher(NORTH, "North desk", PASSWORD, "north"));
        accounts.create(NewAccount.administrator(ADMIN, PASSWORD));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    /** Signs in and returns the bearer token. */
    String signIn(String username) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/auth/token"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username)
                        .put("password", PASSWORD).encode())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in as " + username + " failed: " + response.body());
        }
        return new JsonObject(response.body()).getString("token");
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        platform.close();
    }
}
