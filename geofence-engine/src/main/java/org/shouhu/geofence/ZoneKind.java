package org.shouhu.geofence;

/** What a zone is for. The kind decides the default accuracy bias and debounce (see {@link ZonePolicy}). */
public enum ZoneKind {
    HOME("home"),
    SCHOOL("school"),
    /** A place a child must not enter: water, a road, a construction site. See {@link DangerKind}. */
    DANGER("danger"),
    CUSTOM("custom");

    private final String code;

    ZoneKind(String code) {
        this.code = code;
    }

    /** The GeoJSON {@code kind} property value. */
    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for an unknown code */
    public static ZoneKind fromCode(String code) {
        for (ZoneKind kind : values()) {
            if (kind.code.equalsIgnoreCase(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown zone kind '" + code + "' (expected home, school, danger or custom)");
    }
}
