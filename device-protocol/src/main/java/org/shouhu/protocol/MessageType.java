package org.shouhu.protocol;

/** Uplink message kinds, with their binary type byte and their topic suffix. */
public enum MessageType {
    POSITION(0x01, "pos"),
    SOS(0x02, "sos"),
    STATUS(0x03, "status"),
    POSITION_BATCH(0x04, "batch");

    private final int code;
    private final String topicSuffix;

    MessageType(int code, String topicSuffix) {
        this.code = code;
        this.topicSuffix = topicSuffix;
    }

    public int code() {
        return code;
    }

    public String topicSuffix() {
        return topicSuffix;
    }

    /** @return the type for a binary code, or null when the code is unknown */
    public static MessageType fromCode(int code) {
        for (MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** @return the type for a topic suffix, or null when the suffix is unknown */
    public static MessageType fromTopicSuffix(String suffix) {
        for (MessageType type : values()) {
            if (type.topicSuffix.equals(suffix)) {
                return type;
            }
        }
        return null;
    }
}
