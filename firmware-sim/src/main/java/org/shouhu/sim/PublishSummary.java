package org.shouhu.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * What a fleet (or a replay) has published so far.
 *
 * @param sent          messages handed to the MQTT client
 * @param acknowledged  messages the broker acknowledged (PUBACK for QoS 1)
 * @param failed        messages that could not be published (rejected by the client, or lost with the connection)
 * @param connected     device connections currently up
 * @param devices       device connections in total
 * @param downlinks     downlink commands received by the devices
 * @param latencyP50    median time from publish to broker acknowledgement
 * @param latencyP90    90th percentile of it
 * @param latencyP99    99th percentile of it
 * @param latencyMax    the largest
 */
public record PublishSummary(long sent, long acknowledged, long failed, int connected, int devices, long downlinks,
                             Duration latencyP50, Duration latencyP90, Duration latencyP99, Duration latencyMax) {

    public PublishSummary {
        Objects.requireNonNull(latencyP50, "latencyP50");
        Objects.requireNonNull(latencyP90, "latencyP90");
        Objects.requireNonNull(latencyP99, "latencyP99");
        Objects.requireNonNull(latencyMax, "latencyMax");
    }

    /** This summary with another count of connected devices (e.g. the count before the fleet was stopped). */
    public PublishSummary withConnected(int count) {
        return new PublishSummary(sent, acknowledged, failed, count, devices, downlinks, latencyP50, latencyP90,
                latencyP99, latencyMax);
    }

    /** Messages sent and neither acknowledged nor failed yet. */
    public long pending() {
        return Math.max(0, sent - acknowledged - failed);
    }
}
