package org.shouhu.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.shouhu.protocol.FixSource;

/**
 * Where to send help for an SOS: either the position the wristband reported with the press, or, when the press
 * carried no usable fix, the last position stored for that wristband.
 *
 * @param latitude       degrees WGS-84
 * @param longitude      degrees WGS-84
 * @param accuracyMetres radius of the accuracy circle
 * @param fixTime        when the position was taken
 * @param source         how it was obtained (never {@link FixSource#NONE})
 * @param lastKnown      true when this is the stored last known position, not the one reported with the press
 * @param age            how old the position was when the SOS was received (never negative)
 */
public record SosPosition(double latitude, double longitude, int accuracyMetres, Instant fixTime, FixSource source,
                          boolean lastKnown, Duration age) {

    public SosPosition {
        Objects.requireNonNull(fixTime, "fixTime");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(age, "age");
        if (source == FixSource.NONE) {
            throw new IllegalArgumentException("an SOS position needs a real source, not NONE");
        }
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
    }
}
