package org.shouhu.protocol.internal;

import java.util.function.Function;

import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * The fields every JSON message starts with: {@code "v":1}, {@code "type"}, {@code "device"} (15 digits as a
 * string) and a sequence or command id (unsigned 32-bit). Immutable.
 *
 * @param <T> the kind enum of the direction
 */
public record JsonHeader<T>(T type, DeviceId device, long sequence) {

    public static final int VERSION = 1;
    public static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

    /**
     * Reads the header fields in the order version, type, device, sequence, so that a payload of another version or
     * kind is named as such before its other fields are judged.
     */
    public static <T> JsonHeader<T> read(JsonObject root, Function<String, T> kinds, String direction,
                                         String sequenceField) throws ProtocolException {
        long version = root.integer("v", Long.MIN_VALUE, Long.MAX_VALUE);
        if (version != VERSION) {
            throw new ProtocolException(Reason.UNSUPPORTED_VERSION,
                    "v is " + version + ", this decoder speaks version 1");
        }
        String typeName = root.string("type");
        T type = kinds.apply(typeName);
        if (type == null) {
            throw new ProtocolException(Reason.UNKNOWN_TYPE, "type '" + typeName + "' is not a known " + direction + " kind");
        }
        String deviceText = root.string("device");
        DeviceId device;
        try {
            device = DeviceId.parse(deviceText);
        } catch (IllegalArgumentException e) {
            throw root.invalid("device", "'" + deviceText + "' is not 15 decimal digits");
        }
        return new JsonHeader<>(type, device, root.integer(sequenceField, 0, MAX_SEQUENCE));
    }
}
