package org.shouhu.ingest;

import io.vertx.core.Future;

/**
 * Raises the alert for an SOS. Implemented by the server.
 *
 * <p>Called on the event loop of ingest's SOS connection, which no position traffic uses; must not block. It is
 * called while the SOS is being written to {@code sos_presses}, not after: the row may not be committed yet. The
 * message is acknowledged to the broker only after the returned future succeeds and the row is committed. A
 * failed future (or an exception) is retried with backoff, forever: an SOS is never dropped. The same SOS may
 * therefore be handed over more than once (retries, broker redeliveries after a crash, including a crash after this
 * call and before the commit, a wristband resending); implementations must be idempotent on (device, sequence).
 */
@FunctionalInterface
public interface SosHandler {

    Future<Void> onSos(SosReceived sos);

    /**
     * Told once an SOS is stored, handled and acknowledged, with when it passed each stage of ingest's fast path;
     * for measuring where an SOS spends its time. Called on the same event loop as {@link #onSos}; must not block.
     * Does nothing by default.
     */
    default void onAcknowledged(SosTimings timings) {
    }
}
