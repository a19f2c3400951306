package org.shouhu.ingest.internal;

import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.UplinkMessage;

/** Turns a payload received on an uplink topic into a message. Implementations are thread-safe. */
@FunctionalInterface
public interface UplinkDecoder {

    /** @throws ProtocolException with the reason and byte offset when the payload cannot be accepted */
    UplinkMessage decode(String topic, byte[] payload) throws ProtocolException;
}
