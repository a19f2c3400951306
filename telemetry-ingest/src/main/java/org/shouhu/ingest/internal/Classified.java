package org.shouhu.ingest.internal;

import java.util.Objects;
import java.util.Optional;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.UplinkMessage;

/** What a received message turned out to be. */
public sealed interface Classified {

    InboundMessage message();

    /** A payload that decoded and passed validation. */
    record Accepted(InboundMessage message, UplinkMessage uplink) implements Classified {
        public Accepted {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(uplink, "uplink");
        }
    }

    /**
     * A payload that was rejected.
     *
     * @param sosDevice present when the topic is a well-formed {@code up/sos} topic: the payload is dead-lettered
     *                  and an SOS is still raised for that device, because a child may be in danger
     */
    record Rejected(InboundMessage message, ProtocolException problem, Optional<DeviceId> sosDevice)
            implements Classified {
        public Rejected {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(sosDevice, "sosDevice");
        }
    }
}
