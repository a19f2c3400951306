package org.shouhu.embedded;

/** Where the embedded MQTT broker keeps sessions, subscriptions, queued and retained messages. */
public enum BrokerPersistence {
    /**
     * In memory: the fastest start. Persistent sessions (clean session false) and their queued QoS 1 messages
     * survive a client's reconnect, not a restart of the broker. The choice for tests.
     */
    IN_MEMORY,
    /**
     * On disk in the broker's data directory: sessions and queued messages also survive a restart of the broker.
     * The choice for the demo.
     */
    FILE
}
