package org.shouhu.alert;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP receiver on a free loopback port that records every request and answers from a script: the n-th
 * request gets the n-th status (the last repeats), {@link #HANG} never answers (a receiver that times out).
 */
final class RecordingReceiver {

    static final int HANG = -1;

    record Request(String path, MultiMap headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Request> seen = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private HttpServer server;

    /** Answers every request with the scripted statuses. */
    static RecordingReceiver start(Vertx vertx, int... statuses) {
        return start(vertx, request -> null, statuses);
    }

    /**
     * @param check returns a status that overrides the script for a request (e.g. 401 for a bad signature), or
     *              null to follow the script
     */
    static RecordingReceiver start(Vertx vertx, Function<Request, Integer> check, int... statuses) {
        RecordingReceiver receiver = new RecordingReceiver();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            Request recorded = new Request(request.path(), MultiMap.caseInsensitiveMultiMap()
                    .addAll(request.headers()), body.toString());
            Integer override = check.apply(recorded);
            int index = receiver.count.getAndIncrement();
            int status = override != null ? override : statuses[Math.min(index, statuses.length - 1)];
            receiver.requests.add(recorded);
            if (status == HANG) {
                return;
            }
            if (status == 429 || status == 503) {
                request.response().putHeader("Retry-After", "0");
            }
            request.response().setStatusCode(status).end();
        }));
        receiver.server = TestAwait.await(server.listen(0, "127.0.0.1"));
        return receiver;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    java.net.URI uri(String path) {
        return java.net.URI.create(url(path));
    }

    /** Waits for the next {@code n} requests not returned before. */
    List<Request> await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Request> got = new ArrayList<>();
        while (got.size() < n) {
            Request next = requests.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("expected " + n + " request(s) within " + timeout + ", got " + got.size()
                        + ": " + got);
            }
            got.add(next);
            seen.add(next);
        }
        return got;
    }

    /** Requests that arrive within {@code window} (to prove that nothing more comes). */
    List<Request> drain(Duration window) throws InterruptedException {
        List<Request> got = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        Request next;
        while ((next = requests.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            got.add(next);
        }
        return got;
    }

    int requestCount() {
        return count.get();
    }

    Future<Void> close() {
        return server.close();
    }
}
