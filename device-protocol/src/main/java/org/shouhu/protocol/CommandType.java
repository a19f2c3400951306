package org.shouhu.protocol;

/** Downlink command kinds, with their binary type byte and their topic suffix. */
public enum CommandType {
    LOCATE_NOW(0x81, "locate"),
    SET_REPORTING_INTERVAL(0x82, "interval"),
    SOS_ACKNOWLEDGED(0x83, "sos-ack");

    private final int code;
    private final String topicSuffix;

    CommandType(int code, String topicSuffix) {
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
    public static CommandType fromCode(int code) {
        for (CommandType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** @return the type for a topic suffix, or null when the suffix is unknown */
    public static CommandType fromTopicSuffix(String suffix) {
        for (CommandType type : values()) {
            if (type.topicSuffix.equals(suffix)) {
                return type;
            }
        }
        return null;
    }
}
