package org.shouhu.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * One position estimate as the wristband reported it, in WGS-84.
 *
 * @param time            when the receiver took the fix (GNSS time, not upload time)
 * @param latitude        degrees, -90..90
 * @param longitude       degrees, -180..180
 * @param accuracyMetres  radius of the horizontal accuracy circle in metres, 0..65534
 * @param source          how the position was obtained; {@link FixSource#NONE} means there is no position
 * @param speedMps        ground speed in metres per second, 0..655
 * @param headingDegrees  course over ground in degrees clockwise from true north, 0..&lt;360
 */
public record Fix(Instant time, double latitude, double longitude, int accuracyMetres, FixSource source,
                  double speedMps, double headingDegrees) {

    public static final int MAX_ACCURACY_METRES = 65_534;
    public static final double MAX_SPEED_MPS = 655.0;

    public Fix {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            throw new IllegalArgumentException("latitude out of range -90..90: " + latitude);
        }
        if (!(longitude >= -180.0 && longitude <= 180.0)) {
            throw new IllegalArgumentException("longitude out of range -180..180: " + longitude);
        }
        if (accuracyMetres < 0 || accuracyMetres > MAX_ACCURACY_METRES) {
            throw new IllegalArgumentException("accuracy out of range 0.." + MAX_ACCURACY_METRES + ": " + accuracyMetres);
        }
        if (!(speedMps >= 0.0 && speedMps <= MAX_SPEED_MPS)) {
            throw new IllegalArgumentException("speed out of range 0.." + MAX_SPEED_MPS + ": " + speedMps);
        }
        if (!(headingDegrees >= 0.0 && headingDegrees < 360.0)) {
            throw new IllegalArgumentException("heading out of range 0..<360: " + headingDegrees);
        }
    }

    /** A fix that says "no position", taken at the given time (an SOS pressed indoors before the first GNSS lock). */
    public static Fix none(Instant time) {
        return new Fix(time, 0.0, 0.0, 0, FixSource.NONE, 0.0, 0.0);
    }

    /**
     * Whether this fix locates the device. Receivers without a lock report source NONE or, on some firmware,
     * the null island (0, 0); neither is a position.
     */
    public boolean hasPosition() {
        return source != FixSource.NONE && !(latitude == 0.0 && longitude == 0.0);
    }
}
