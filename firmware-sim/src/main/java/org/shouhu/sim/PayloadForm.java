package org.shouhu.sim;

import org.shouhu.protocol.UplinkCodec;
import org.shouhu.protocol.UplinkMessage;

/** The wire form a simulated wristband uses: the compact binary frame (most bands) or JSON (newer firmware). */
public enum PayloadForm {
    BINARY {
        @Override
        public byte[] encode(UplinkMessage message) {
            return UplinkCodec.encodeBinary(message);
        }
    },
    JSON {
        @Override
        public byte[] encode(UplinkMessage message) {
            return UplinkCodec.encodeJson(message);
        }
    };

    public abstract byte[] encode(UplinkMessage message);
}
