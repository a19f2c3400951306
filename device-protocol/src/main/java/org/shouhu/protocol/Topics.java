package org.shouhu.protocol;

/**
 * The MQTT topic scheme, version 1.
 * <pre>
 *   shouhu/v1/{imei}/up/{pos|sos|status|batch}       device to platform
 *   shouhu/v1/{imei}/down/{locate|interval|sos-ack}  platform to device
 * </pre>
 * The device id in the topic must match the one in the payload; a mismatch is rejected so one band cannot speak
 * for another.
 */
public final class Topics {

    public static final String PREFIX = "shouhu/v1/";

    /** Every uplink topic of every device. */
    public static final String UPLINK_FILTER = PREFIX + "+/up/+";

    private Topics() {
    }

    /**
     * The shared-subscription filter that splits uplink traffic between the members of {@code group}
     * (MQTT 5 shared subscriptions, also honoured by Mosquitto and HiveMQ for MQTT 3.1.1 clients).
     */
    public static String sharedUplinkFilter(String group) {
        if (group == null || group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException("share group must be a non-empty topic level: " + group);
        }
        return "$share/" + group + "/" + UPLINK_FILTER;
    }

    public static String uplink(DeviceId device, MessageType type) {
        return PREFIX + device + "/up/" + type.topicSuffix();
    }

    public static String downlink(DeviceId device, CommandType type) {
        return PREFIX + device + "/down/" + type.topicSuffix();
    }

    /** The downlink filter one device subscribes to. */
    public static String downlinkFilter(DeviceId device) {
        return PREFIX + device + "/down/+";
    }

    /** The device and message type an uplink topic names. */
    public record UplinkAddress(DeviceId device, MessageType type) {
    }

    /** @throws ProtocolException with reason BAD_TOPIC when the topic is not a v1 uplink topic */
    public static UplinkAddress parseUplink(String topic) throws ProtocolException {
        String[] levels = splitV1(topic, "up");
        MessageType type = MessageType.fromTopicSuffix(levels[4]);
        if (type == null) {
            throw new ProtocolException(ProtocolException.Reason.BAD_TOPIC, "unknown uplink kind '" + levels[4] + "' in " + topic);
        }
        return new UplinkAddress(parseDevice(levels[2], topic), type);
    }

    /** The device and command type a downlink topic names. */
    public record DownlinkAddress(DeviceId device, CommandType type) {
    }

    /** @throws ProtocolException with reason BAD_TOPIC when the topic is not a v1 downlink topic */
    public static DownlinkAddress parseDownlink(String topic) throws ProtocolException {
        String[] levels = splitV1(topic, "down");
        CommandType type = CommandType.fromTopicSuffix(levels[4]);
        if (type == null) {
            throw new ProtocolException(ProtocolException.Reason.BAD_TOPIC, "unknown downlink kind '" + levels[4] + "' in " + topic);
        }
        return new DownlinkAddress(parseDevice(levels[2], topic), type);
    }

    private static String[] splitV1(String topic, String direction) throws ProtocolException {
        String[] levels = topic == null ? new String[0] : topic.split("/", -1);
        if (levels.length != 5 || !"shouhu".equals(levels[0]) || !"v1".equals(levels[1]) || !direction.equals(levels[3])) {
            throw new ProtocolException(ProtocolException.Reason.BAD_TOPIC,
                    "expected shouhu/v1/{imei}/" + direction + "/{kind}, got " + topic);
        }
        return levels;
    }

    private static DeviceId parseDevice(String text, String topic) throws ProtocolException {
        try {
            return DeviceId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ProtocolException.Reason.BAD_TOPIC, "bad device id '" + text + "' in " + topic);
        }
    }
}
