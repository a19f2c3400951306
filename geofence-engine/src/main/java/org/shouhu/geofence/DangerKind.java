package org.shouhu.geofence;

/** What makes a danger zone dangerous; lets rules and guardians' messages distinguish a river from a road. */
public enum DangerKind {
    WATER("water"),
    ROAD("road"),
    CONSTRUCTION("construction"),
    OTHER("other");

    private final String code;

    DangerKind(String code) {
        this.code = code;
    }

    /** The GeoJSON {@code dangerKind} property value. */
    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static DangerKind fromCode(String code) {
        for (DangerKind kind : values()) {
            if (kind.code.equalsIgnoreCase(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown danger kind '" + code + "' (expected water, road, construction or other)");
    }
}
