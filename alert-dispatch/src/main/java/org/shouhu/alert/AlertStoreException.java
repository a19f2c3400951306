package org.shouhu.alert;

/**
 * The alert database could not be reached or failed. Retriable: nothing was committed, so the caller (for an SOS,
 * the ingest tier, which has not acknowledged the MQTT message yet) should try again (HTTP 503).
 */
public final class AlertStoreException extends RuntimeException {

    public AlertStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
