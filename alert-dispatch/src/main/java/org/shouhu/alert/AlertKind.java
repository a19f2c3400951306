package org.shouhu.alert;

/** What an alert is about. SOS is raised by the child; the others by geofence rules. */
public enum AlertKind {
    SOS("sos"),
    LEFT_SCHOOL("left-school"),
    ENTERED_DANGER_ZONE("entered-danger-zone"),
    MISSED_ARRIVAL("missed-arrival"),
    CURFEW("curfew"),
    INFO("info");

    private final String token;

    AlertKind(String token) {
        this.token = token;
    }

    /** The lower-case token used in JSON bodies, configuration keys and templates. */
    public String token() {
        return token;
    }

    public boolean isZoneAlert() {
        return this != SOS;
    }
}
