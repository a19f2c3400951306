package org.shouhu.ingest.internal;

/**
 * Acknowledges one received message to the broker. Safe to call from any thread, and more than once (later calls do
 * nothing). Acknowledging a message received on a connection that has since been lost does nothing either: the
 * broker redelivers it on the new connection and the duplicate is suppressed by the database.
 */
@FunctionalInterface
public interface AckHandle {

    void ack();
}
