package org.shouhu.server.map;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open map: a server-sent-events stream to one browser. Writes run on the connection's own context; a client
 * whose unsent bytes (handed to the connection, not yet written to its socket) exceed the buffer while more than one
 * event is unsent is disconnected instead of being buffered without bound, so a slow browser costs at most its buffer
 * and one event (or two events, if larger), and never slows the feed (its EventSource reconnects and gets a fresh snapshot). One event still
 * being written is not falling behind: an administrator's tick of a whole moving fleet may alone be larger than the
 * buffer, and a map that keeps up with the ticks must not be dropped for it. Thread-safe.
 */
final class MapClient {

    private static final Logger LOG = LoggerFactory.getLogger(MapClient.class);

    private final MapViewer viewer;
    private final HttpServerResponse response;
    private final HttpConnection connection;
    private final Context context;
    private final Runnable onClose;
    private final Runnable onDrop;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private final int bufferBytes;
    /** Bytes handed to the connection and not yet written to its socket; only touched on {@link #context}. */
    private long unsent;
    /** Writes handed to the connection and not yet written to its socket; only touched on {@link #context}. */
    private int unsentWrites;
    /** The size of a snapshot still being written: a new map may be behind by that much without being dropped. */
    private long snapshotAllowance;

    MapClient(MapViewer viewer, HttpServerResponse response, HttpConnection connection, Context context,
              int bufferBytes, Runnable onClose, Runnable onDrop) {
        this.viewer = Objects.requireNonNull(viewer, "viewer");
        this.response = Objects.requireNonNull(response, "response");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.context = Objects.requireNonNull(context, "context");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.onDrop = Objects.requireNonNull(onDrop, "onDrop");
        this.bufferBytes = bufferBytes;
        response.closeHandler(closed -> closed());
        response.exceptionHandler(error -> closed());
    }

    MapViewer viewer() {
        return viewer;
    }

    boolean isOpen() {
        return open.get();
    }

    /**
     * Queues the snapshot a new map starts from. It may be larger than the buffer (an administrator's map of a whole
     * fleet); the map is not counted as behind for it until it has been written.
     */
    void sendSnapshot(String event, String data) {
        context.runOnContext(ignored -> {
            if (!open.get()) {
                return;
            }
            Buffer bytes = Buffer.buffer("event: " + event + "\ndata: " + data + "\n\n");
            int size = bytes.length();
            snapshotAllowance += size;
            unsent += size;
            unsentWrites++;
            response.write(bytes).onComplete(written -> {
                unsent -= size;
                unsentWrites--;
                snapshotAllowance -= size;
            });
        });
    }

    /** Queues one event; if the client cannot keep up it is dropped and the event discarded. */
    void send(String event, String data) {
        if (!open.get()) {
            return;
        }
        context.runOnContext(ignored -> {
            if (!open.get()) {
                return;
            }
            if (unsentWrites > 1 && unsent > bufferBytes + snapshotAllowance) {
                LOG.info("dropped a live map of {} that fell {} bytes behind; it reconnects with a fresh snapshot",
                        viewer.actor(), unsent);
                onDrop.run();
                drop();
                return;
            }
            write(Buffer.buffer("event: " + event + "\ndata: " + data + "\n\n"));
        });
    }

    /** A comment line keeps proxies from closing an idle stream and reveals dead connections. */
    void heartbeat() {
        context.runOnContext(ignored -> {
            if (open.get() && unsent <= bufferBytes) {
                write(Buffer.buffer(": keep-alive\n\n"));
            }
        });
    }

    /** Counts the bytes until the connection reports them written to the socket (Netty's write promise). */
    private void write(Buffer bytes) {
        int size = bytes.length();
        unsent += size;
        unsentWrites++;
        response.write(bytes).onComplete(written -> {
            unsent -= size;
            unsentWrites--;
        });
    }

    /** Ends the stream; the browser reconnects after its retry delay. */
    void drop() {
        if (open.compareAndSet(true, false)) {
            onClose.run();
            context.runOnContext(ignored -> connection.close());
        }
    }

    private void closed() {
        if (open.compareAndSet(true, false)) {
            onClose.run();
        }
    }
}
