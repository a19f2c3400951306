package org.shouhu.server.map;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A server-sent-events client for tests: collects every event of one stream on a background thread. */
final class EventStream implements AutoCloseable {

    /** One event: its name and its JSON data. */
    record Event(String name, JsonObject data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    final int status;

    EventStream(HttpClient http, URI uri, String token) throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri)
                .header("authorization", "Bearer " + token).header("accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        status = response.statusCode();
        lines = response.body();
        reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.startsWith("event: ")) {
                    name[0] = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                } else if (line.isEmpty() && name[0] != null) {
                    events.add(new Event(name[0], new JsonObject(data.toString())));
                    name[0] = null;
                    data.setLength(0);
                }
            });
        } catch (RuntimeException closed) {
            // the stream was closed by the test or the server
        }
    }

    /** The next event matching, waiting at most {@code timeout}; events before it are consumed. */
    Event await(Predicate<Event> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching event within " + timeout);
            }
            if (matching.test(event)) {
                return event;
            }
        }
    }

    /** Every event received so far, consumed. */
    java.util.List<Event> drain() {
        java.util.List<Event> drained = new java.util.ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
