package org.shouhu.protocol;

import java.time.Clock;
import java.time.Duration;

import org.shouhu.protocol.ProtocolException.Reason;
import org.shouhu.protocol.internal.BatchBinaryCodec;
import org.shouhu.protocol.internal.BatchJsonCodec;
import org.shouhu.protocol.internal.FixRules;
import org.shouhu.protocol.internal.FrameHeader;
import org.shouhu.protocol.internal.FrameReader;
import org.shouhu.protocol.internal.JsonDocument;
import org.shouhu.protocol.internal.JsonHeader;
import org.shouhu.protocol.internal.JsonObject;
import org.shouhu.protocol.internal.PayloadForm;
import org.shouhu.protocol.internal.PositionBinaryCodec;
import org.shouhu.protocol.internal.PositionJsonCodec;
import org.shouhu.protocol.internal.SosBinaryCodec;
import org.shouhu.protocol.internal.SosJsonCodec;
import org.shouhu.protocol.internal.StatusBinaryCodec;
import org.shouhu.protocol.internal.StatusJsonCodec;

/**
 * Decodes and validates uplink payloads (wristband to platform) and encodes them, in the binary form (2G/NB-IoT
 * links) and the JSON form (tools, debugging). See {@code docs/protocol.md} for both forms byte for byte.
 *
 * <p>{@link #decode} accepts any topic and any bytes. It either returns a message whose every field is valid or
 * throws {@link ProtocolException} with a typed reason and, for binary frames, the byte offset; no other exception
 * escapes. It checks, in order: the topic is a v1 uplink topic (BAD_TOPIC); the frame (EMPTY, UNSUPPORTED_VERSION,
 * UNKNOWN_TYPE, TRUNCATED, TRAILING_BYTES, BAD_CHECKSUM or MALFORMED_JSON, MISSING_FIELD); the field values
 * (INVALID_FIELD, COORDINATE_OUT_OF_RANGE, TIME_IN_FUTURE when a time is more than {@code maxFutureSkew} ahead of the
 * clock); and that the topic names the payload's device and kind (TOPIC_MISMATCH).
 *
 * <p>An SOS is never rejected for want of a good fix. Once its frame is sound (binary: length, checksum, version,
 * device id; JSON: syntax and header fields, press time and battery present) it is returned: an invalid fix
 * (coordinates out of range, time in the future, a field out of range, missing in JSON) or one without a position
 * becomes {@link Fix#none} at the press time; a press time in the future becomes the clock's now; a battery out of
 * range is clamped to 0..100; and an SOS published on another kind's topic of the same device is still returned
 * (the payload's checksum vouches for its kind). Only a device mismatch between topic and payload rejects it.
 *
 * <p>Immutable and thread-safe.
 */
public final class UplinkCodec {

    private final FixRules rules;

    /**
     * @param clock         the platform clock that fix and report times are checked against
     * @param maxFutureSkew how far ahead of the clock a device time may be (device clocks drift); not negative
     */
    public UplinkCodec(Clock clock, Duration maxFutureSkew) {
        this.rules = new FixRules(clock, maxFutureSkew);
    }

    /**
     * Decodes one uplink payload received on {@code topic}.
     *
     * @throws ProtocolException when the topic or payload cannot be accepted; never any other exception
     */
    public UplinkMessage decode(String topic, byte[] payload) throws ProtocolException {
        Topics.UplinkAddress address = Topics.parseUplink(topic);
        UplinkMessage message = PayloadForm.isJson(payload) ? decodeJson(payload) : decodeBinary(payload);
        checkTopic(address, message, topic);
        return message;
    }

    /**
     * The binary form of a message. Coordinates are rounded to 1e-7 degree, speed to 1 cm/s, heading to 0.01 degree,
     * times to the millisecond.
     *
     * @throws IllegalArgumentException when a time is outside the range of epoch milliseconds in a long
     */
    public static byte[] encodeBinary(UplinkMessage message) {
        if (message instanceof PositionReport report) {
            return PositionBinaryCodec.encode(report);
        }
        if (message instanceof SosPress sos) {
            return SosBinaryCodec.encode(sos);
        }
        if (message instanceof StatusReport status) {
            return StatusBinaryCodec.encode(status);
        }
        return BatchBinaryCodec.encode((PositionBatch) message);
    }

    /**
     * The JSON form of a message (UTF-8, compact), with the same rounding as {@link #encodeBinary}, so both forms of
     * a message decode to equal messages.
     *
     * @throws IllegalArgumentException when a time is outside the range of epoch milliseconds in a long
     */
    public static byte[] encodeJson(UplinkMessage message) {
        if (message instanceof PositionReport report) {
            return PositionJsonCodec.encode(report);
        }
        if (message instanceof SosPress sos) {
            return SosJsonCodec.encode(sos);
        }
        if (message instanceof StatusReport status) {
            return StatusJsonCodec.encode(status);
        }
        return BatchJsonCodec.encode((PositionBatch) message);
    }

    private UplinkMessage decodeBinary(byte[] frame) throws ProtocolException {
        FrameReader reader = new FrameReader(frame);
        FrameHeader header = FrameHeader.read(reader, code -> MessageType.fromCode(code) != null, "uplink");
        return switch (MessageType.fromCode(header.typeCode())) {
            case POSITION -> PositionBinaryCodec.decode(header, reader, rules);
            case SOS -> SosBinaryCodec.decode(header, reader, rules);
            case STATUS -> StatusBinaryCodec.decode(header, reader, rules);
            case POSITION_BATCH -> BatchBinaryCodec.decode(header, reader, rules);
        };
    }

    private UplinkMessage decodeJson(byte[] payload) throws ProtocolException {
        JsonObject root = JsonDocument.parse(payload);
        JsonHeader<MessageType> header = JsonHeader.read(root, MessageType::fromTopicSuffix, "uplink", "seq");
        return switch (header.type()) {
            case POSITION -> PositionJsonCodec.decode(root, header, rules);
            case SOS -> SosJsonCodec.decode(root, header, rules);
            case STATUS -> StatusJsonCodec.decode(root, header, rules);
            case POSITION_BATCH -> BatchJsonCodec.decode(root, header, rules);
        };
    }

    private static void checkTopic(Topics.UplinkAddress address, UplinkMessage message, String topic)
            throws ProtocolException {
        if (!address.device().equals(message.deviceId())) {
            throw new ProtocolException(Reason.TOPIC_MISMATCH,
                    "topic " + topic + " names device " + address.device() + ", payload is from " + message.deviceId());
        }
        if (address.type() != message.type() && message.type() != MessageType.SOS) {
            throw new ProtocolException(Reason.TOPIC_MISMATCH,
                    "topic " + topic + " is for '" + address.type().topicSuffix() + "', payload is '"
                            + message.type().topicSuffix() + "'");
        }
    }
}
