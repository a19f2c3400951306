package org.shouhu.protocol;

/** Where a position came from. The code is the byte used in the binary form. */
public enum FixSource {
    /** The device had no position at all; coordinates are meaningless. */
    NONE(0),
    /** Satellite fix from the GNSS receiver. */
    GNSS(1),
    /** Cell-tower (LBS) estimate; accuracy is typically hundreds of metres to kilometres. */
    CELL(2),
    /** Wi-Fi access point estimate. */
    WIFI(3);

    private final int code;

    FixSource(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static FixSource fromCode(int code) {
        for (FixSource source : values()) {
            if (source.code == code) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown fix source code " + code);
    }
}
