package org.shouhu.server.geofence;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for the zone API of a running server, as an operator tool would use it. When the server
 * authenticates API requests it signs in as the administrator the test settings create.
 */
final class ZoneApiClient {

    /** One answer: status and body. */
    record Answer(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private String token;

    /** Signed in as the test administrator when the server wants a sign-in. */
    ZoneApiClient(int port) throws Exception {
        this.port = port;
        if (get("/api/zones").status() == 401) {
            signIn("admin", GeofenceTestSupport.ADMIN_PASSWORD);
        }
    }

    /** Signed in as the given account. */
    ZoneApiClient(int port, String username, String password) throws Exception {
        this.port = port;
        signIn(username, password);
    }

    private void signIn(String username, String password) throws Exception {
        Answer signedIn = post("/api/auth/token", new JsonObject().put("username", username)
                .put("password", password).encode());
        if (signedIn.status() != 200) {
            throw new IllegalStateException("cannot sign in to the zone API as " + username + ": " + signedIn);
        }
        token = signedIn.json().getString("token");
    }

    Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        request.timeout(Duration.ofSeconds(10)).header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
