package org.shouhu.ingest.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.Objects;

/**
 * Creates event-loop contexts for ingest's broker connections. Vert.x hands out event loops round robin; a context
 * is created on the next one. A connection bound to the verticle's own context would share that one thread with
 * every other connection, so ingest could never use more than one core for decoding and acknowledging, and an SOS
 * would wait behind whatever positions that thread had queued. Not thread-safe; used during start-up.
 */
public final class EventLoopContexts {

    /** Tries to find an event loop other than the avoided one; Vert.x never has more loops than this in practice. */
    private static final int MAX_TRIES = 64;

    private final VertxInternal vertx;

    public EventLoopContexts(Vertx vertx) {
        this.vertx = (VertxInternal) Objects.requireNonNull(vertx, "vertx");
    }

    /** A context on the next event loop. */
    public Context create() {
        return vertx.createEventLoopContext();
    }

    /**
     * A context on the next event loop that is not {@code avoided}'s, or on the same loop when there is only one.
     */
    public Context createAvoiding(Context avoided) {
        var avoidedLoop = ((ContextInternal) avoided).nettyEventLoop();
        ContextInternal context = vertx.createEventLoopContext();
        for (int i = 0; i < MAX_TRIES && context.nettyEventLoop() == avoidedLoop; i++) {
            context = vertx.createEventLoopContext();
        }
        return context;
    }
}
