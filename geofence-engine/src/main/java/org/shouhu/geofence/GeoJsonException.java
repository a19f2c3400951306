package org.shouhu.geofence;

/**
 * GeoJSON input that cannot be accepted: malformed JSON, a missing or wrong member, an unsupported geometry type,
 * an invalid polygon. The input is rejected as a whole and nothing of it is applied; retrying the same input fails
 * the same way (a permanent error). The message names the offending feature.
 */
public final class GeoJsonException extends RuntimeException {

    private final String feature;

    public GeoJsonException(String feature, String message) {
        super(feature == null ? message : "feature " + feature + ": " + message);
        this.feature = feature;
    }

    public GeoJsonException(String feature, String message, Throwable cause) {
        super(feature == null ? message : "feature " + feature + ": " + message, cause);
        this.feature = feature;
    }

    /** How the offending feature was identified (its id, or its position in the collection), or null for the document. */
    public String feature() {
        return feature;
    }
}
