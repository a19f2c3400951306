package org.shouhu.ingest;

/**
 * The state of ingest's broker connections at one moment.
 *
 * @param sosConnected      whether the connection that receives SOS presses is up
 * @param ordinaryConnected how many of the connections receiving positions and status are up
 * @param ordinaryTotal     how many such connections ingest keeps
 */
public record BrokerConnections(boolean sosConnected, int ordinaryConnected, int ordinaryTotal) {

    /** Healthy when SOS can arrive and at least one connection takes ordinary telemetry. */
    public boolean healthy() {
        return sosConnected && ordinaryConnected > 0;
    }

    @Override
    public String toString() {
        return "SOS connection " + (sosConnected ? "up" : "down") + ", " + ordinaryConnected + " of " + ordinaryTotal
                + " telemetry connections up";
    }
}
