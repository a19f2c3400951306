package org.shouhu.alert;

/** The alert id names no alert. Permanent: asking again will not help (HTTP 404). */
public final class AlertNotFoundException extends RuntimeException {

    public AlertNotFoundException(AlertId id) {
        super("no such alert: " + id);
    }
}
