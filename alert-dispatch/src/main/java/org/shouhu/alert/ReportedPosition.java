package org.shouhu.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The position an alert reports: the fix the device sent with the event or, when it had none, the last known one.
 *
 * @param latitude       WGS-84 degrees, -90..90
 * @param longitude      WGS-84 degrees, -180..180
 * @param accuracyMetres radius of the accuracy circle, 0..65534
 * @param fixTime        when the fix was taken
 * @param lastKnown      true when this is an older fix standing in for a missing one
 * @param age            how old the fix was when the event happened (zero for a fresh fix)
 */
public record ReportedPosition(double latitude, double longitude, int accuracyMetres, Instant fixTime,
                               boolean lastKnown, Duration age) {

    public ReportedPosition {
        Objects.requireNonNull(fixTime, "fixTime");
        Objects.requireNonNull(age, "age");
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            throw new IllegalArgumentException("latitude out of range -90..90: " + latitude);
        }
        if (!(longitude >= -180.0 && longitude <= 180.0)) {
            throw new IllegalArgumentException("longitude out of range -180..180: " + longitude);
        }
        if (accuracyMetres < 0 || accuracyMetres > 65_534) {
            throw new IllegalArgumentException("accuracy out of range 0..65534: " + accuracyMetres);
        }
        if (age.isNegative()) {
            throw new IllegalArgumentException("age must not be negative: " + age);
        }
    }

    /** A fresh fix, taken at the event. */
    public static ReportedPosition fresh(double latitude, double longitude, int accuracyMetres, Instant fixTime) {
        return new ReportedPosition(latitude, longitude, accuracyMetres, fixTime, false, Duration.ZERO);
    }
}
