package org.shouhu.sim.record;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.Topics;

/**
 * One published message of a recording: the simulated instant it went out, its topic and its exact payload bytes.
 * The topic must be a v1 uplink topic; its device is the client that replays it.
 */
public record RecordedMessage(Instant at, String topic, byte[] payload) {

    public RecordedMessage {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(payload, "payload");
        try {
            Topics.parseUplink(topic);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        payload = payload.clone();
    }

    /** The device that published the message, from its topic. */
    public DeviceId device() {
        try {
            return Topics.parseUplink(topic).device();
        } catch (ProtocolException e) {
            throw new IllegalStateException("validated in the constructor", e);
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedMessage m && at.equals(m.at) && topic.equals(m.topic)
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, topic, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RecordedMessage[" + at + " " + topic + " " + payload.length + " bytes]";
    }
}
