package org.shouhu.server.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real HTTP receiver on a free loopback port that records every request and answers with a status chosen per
 * request (200 unless told otherwise). Stands in for a police dispatch centre or a guardians' app in tests.
 */
public final class RecordingReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String path, Map<String, String> headers, String body, Instant receivedAt) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    private RecordingReceiver(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(this::handle)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static RecordingReceiver start() throws Exception {
        return new RecordingReceiver(Vertx.vertx());
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
            requests.add(new Request(request.path(), headers, body.toString(), Instant.now()));
            request.response().setStatusCode(status).end();
        });
    }

    /** Answer every later request with this status (e.g. 503 to make the sender retry). */
    public void answerWith(int status) {
        this.status = status;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until a request matching the predicate has arrived; fails the test after the timeout. */
    public Request awaitRequest(Predicate<Request> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Request request : requests) {
                if (matching.test(request)) {
                    return request;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching request within " + timeout + "; received " + requests);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
