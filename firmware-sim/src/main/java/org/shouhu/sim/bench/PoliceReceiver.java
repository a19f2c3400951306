package org.shouhu.sim.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the police (and the guardians): an HTTP server that accepts every POST with 200 and notes, for each
 * CAP document about an SOS ({@code Alert}, or {@code Update} when the child's alert was already open and the press
 * is added to it), the device it is about, the time of the fix it carries (the press's own fix, to the second, as CAP
 * writes times) and when it arrived ({@link System#nanoTime()}). Matching on the fix time keeps a late retry of an
 * older alert of the same band from passing for the answer to a new press. Paths: {@code /cap/...} for the police,
 * {@code /guardian/...} for guardian webhooks, {@code /warm-up} for the receiver's own warm-up (answered, not
 * counted). Thread-safe.
 *
 * <p>It warms itself up before {@link #start} returns, by posting CAP documents to itself: the first requests a
 * fresh receiver answers load and initialise its HTTP server code, which in the harness's busy JVM took seconds and
 * delayed every CAP document that arrived meanwhile (the first presses of the SOS phase all arrived together 1.5 to
 * 3 s late). A real police receiver has answered many requests before our first one.
 */
public final class PoliceReceiver implements AutoCloseable {

    private static final Pattern ALERT_OR_UPDATE = Pattern.compile("<msgType>(Alert|Update)</msgType>");
    private static final Pattern DEVICE =
            Pattern.compile("<valueName>device</valueName>\\s*<value>(\\d{15})</value>");
    private static final Pattern FIX_TIME =
            Pattern.compile("<valueName>fix-time</valueName>\\s*<value>([^<]+)</value>");

    /** One CAP document about a device: its fix time (if it carries one) and its arrival. */
    private record Arrival(Optional<Instant> fixTime, long arrivedNanos) {
    }

    /** Enough requests, several at a time on several connections, to load and run every part of the handler. */
    private static final int WARM_UP_REQUESTS = 200;
    private static final int WARM_UP_PARALLEL = 8;

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, Queue<Arrival>> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong capDocuments = new AtomicLong();
    private final AtomicLong guardianMessages = new AtomicLong();
    private final AtomicLong warmUpRequests = new AtomicLong();

    private PoliceReceiver(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on {@code host:port} (port 0 picks a free one). */
    public static PoliceReceiver start(String host, int port) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        PoliceReceiver[] self = new PoliceReceiver[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> self[0].handle(request));
        try {
            server.listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("police receiver cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        self[0] = new PoliceReceiver(vertx, server);
        self[0].warmUp();
        return self[0];
    }

    /** Posts {@link #WARM_UP_REQUESTS} CAP documents to this receiver's own warm-up path and waits for the answers. */
    private void warmUp() throws InterruptedException {
        String body = "<alert><msgType>Alert</msgType><info><parameter><valueName>device</valueName>"
                + "<value>860000000000000</value></parameter><parameter><valueName>fix-time</valueName>"
                + "<value>2026-01-01T00:00:00+08:00</value></parameter></info></alert>";
        HttpClient client = vertx.createHttpClient();
        try {
            for (int round = 0; round < WARM_UP_REQUESTS / WARM_UP_PARALLEL; round++) {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < WARM_UP_PARALLEL; i++) {
                    answers.add(client.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/warm-up")
                            .compose(request -> request.send(body)).map(HttpClientResponse::statusCode));
                }
                Future.all(answers).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("police receiver does not answer itself: " + e.getMessage(), e);
        } finally {
            client.close();
        }
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            request.response().setStatusCode(405).end();
            return;
        }
        request.body().onSuccess(body -> {
            long arrived = System.nanoTime();
            if (request.path().equals("/warm-up")) {
                String cap = body.toString();
                alertedDevice(cap).ifPresent(device -> fixTime(cap));
                warmUpRequests.incrementAndGet();
            } else if (request.path().startsWith("/guardian")) {
                guardianMessages.incrementAndGet();
            } else {
                capDocuments.incrementAndGet();
                String cap = body.toString();
                alertedDevice(cap).ifPresent(device -> arrivals.computeIfAbsent(device,
                        d -> new ConcurrentLinkedQueue<>()).add(new Arrival(fixTime(cap), arrived)));
            }
            request.response().setStatusCode(200).end();
        });
    }

    /** The IMEI a CAP Alert or Update document is about, if it is one. */
    static Optional<String> alertedDevice(String cap) {
        if (!ALERT_OR_UPDATE.matcher(cap).find()) {
            return Optional.empty();
        }
        Matcher device = DEVICE.matcher(cap);
        return device.find() ? Optional.of(device.group(1)) : Optional.empty();
    }

    private static Optional<Instant> fixTime(String cap) {
        Matcher time = FIX_TIME.matcher(cap);
        try {
            return time.find() ? Optional.of(OffsetDateTime.parse(time.group(1)).toInstant()) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public int port() {
        return server.actualPort();
    }

    /**
     * When the first CAP Alert or Update about this device, carrying a fix taken at or after {@code fixTime}
     * (compared to the second), arrived at or after {@code sinceNanos}.
     */
    public Optional<Long> arrivalAfter(String imei, long sinceNanos, Instant fixTime) {
        Queue<Arrival> times = arrivals.get(imei);
        if (times == null) {
            return Optional.empty();
        }
        Instant second = fixTime.truncatedTo(ChronoUnit.SECONDS);
        return times.stream()
                .filter(a -> a.arrivedNanos() - sinceNanos >= 0)
                .filter(a -> a.fixTime().map(t -> !t.isBefore(second)).orElse(false))
                .map(Arrival::arrivedNanos)
                .min(Long::compare);
    }

    public long capDocuments() {
        return capDocuments.get();
    }

    public long guardianMessages() {
        return guardianMessages.get();
    }

    /** Requests of its own warm-up it answered. */
    public long warmUpRequests() {
        return warmUpRequests.get();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Best effort.
        }
    }
}
