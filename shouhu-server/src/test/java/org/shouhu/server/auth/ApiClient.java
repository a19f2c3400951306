package org.shouhu.server.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the server's API, as an app or a console would call it. */
final class ApiClient {

    /** One answer: status and body text. */
    record Answer(int status, String body, HttpResponse<String> response) {

        JsonObject json() {
            return new JsonObject(body);
        }

        JsonArray array() {
            return new JsonArray(body);
        }

        String error() {
            return json().getString("error");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    /** As a browser page would: no Authorization header, the sign-in cookie instead. */
    Answer getWithCookie(String path, String cookie) throws IOException, InterruptedException {
        return send(request(path, null).header("cookie", cookie).GET());
    }

    Answer post(String path, String token, JsonObject body) throws IOException, InterruptedException {
        return send(request(path, token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.encode())));
    }

    Answer put(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE());
    }

    /** Signs in and returns the bearer token. */
    String signIn(String username, String password) throws IOException, InterruptedException {
        Answer answer = post("/api/auth/token", null,
                new JsonObject().put("username", username).put("password", password));
        if (answer.status() != 200) {
            throw new IllegalStateException("sign-in as " + username + " failed: " + answer);
        }
        return answer.json().getString("token");
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }
}
