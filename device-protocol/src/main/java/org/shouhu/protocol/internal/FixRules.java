package org.shouhu.protocol.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * The validation rules every decoded fix and timestamp passes, in either form: coordinates in range, every field
 * within its wire range, and no time further ahead of the platform clock than the allowed skew. Immutable and
 * thread-safe.
 */
public final class FixRules {

    public static final long MAX_LATITUDE_E7 = 900_000_000L;
    public static final long MAX_LONGITUDE_E7 = 1_800_000_000L;
    public static final long RESERVED_ACCURACY = 0xFFFF;
    public static final long MAX_SPEED_CMPS = Math.round(Fix.MAX_SPEED_MPS * 100);
    public static final long HEADING_LIMIT_CDEG = 36_000;

    private final Clock clock;
    private final Duration maxFutureSkew;

    public FixRules(Clock clock, Duration maxFutureSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative: " + maxFutureSkew);
        }
    }

    public Instant now() {
        return clock.instant();
    }

    /** Turns wire fields into a fix, or says which field is wrong. */
    public Fix validate(RawFix raw) throws ProtocolException {
        FieldLocation at = raw.where();
        if (raw.latitudeE7() < -MAX_LATITUDE_E7 || raw.latitudeE7() > MAX_LATITUDE_E7) {
            throw at.error(Reason.COORDINATE_OUT_OF_RANGE, "lat", RawFix.LATITUDE,
                    degrees(raw.latitudeE7()) + " is outside -90..90");
        }
        if (raw.longitudeE7() < -MAX_LONGITUDE_E7 || raw.longitudeE7() > MAX_LONGITUDE_E7) {
            throw at.error(Reason.COORDINATE_OUT_OF_RANGE, "lon", RawFix.LONGITUDE,
                    degrees(raw.longitudeE7()) + " is outside -180..180");
        }
        if (raw.accuracyMetres() < 0 || raw.accuracyMetres() >= RESERVED_ACCURACY) {
            throw at.error(Reason.INVALID_FIELD, "acc", RawFix.ACCURACY,
                    raw.accuracyMetres() + " is outside 0.." + Fix.MAX_ACCURACY_METRES + " metres");
        }
        FixSource source = source(raw);
        if (raw.speedCmps() < 0 || raw.speedCmps() > MAX_SPEED_CMPS) {
            throw at.error(Reason.INVALID_FIELD, "speed", RawFix.SPEED,
                    raw.speedCmps() + " cm/s is outside 0.." + MAX_SPEED_CMPS + " cm/s");
        }
        if (raw.headingCdeg() < 0 || raw.headingCdeg() >= HEADING_LIMIT_CDEG) {
            throw at.error(Reason.INVALID_FIELD, "heading", RawFix.HEADING,
                    raw.headingCdeg() + " centidegrees is outside 0..35999");
        }
        Instant time = notInFuture(raw.timeMillis(), at, "time", RawFix.TIME);
        return new Fix(time, raw.latitudeE7() / 1e7, raw.longitudeE7() / 1e7, (int) raw.accuracyMetres(), source,
                raw.speedCmps() / 100.0, raw.headingCdeg() / 100.0);
    }

    /**
     * A timestamp that is not ahead of the platform clock by more than the allowed skew.
     *
     * @throws ProtocolException TIME_IN_FUTURE naming the field
     */
    public Instant notInFuture(long epochMillis, FieldLocation at, String field, int relative) throws ProtocolException {
        Instant time = Instant.ofEpochMilli(epochMillis);
        Instant limit = clock.instant().plus(maxFutureSkew);
        if (time.isAfter(limit)) {
            throw at.error(Reason.TIME_IN_FUTURE, field, relative,
                    time + " is more than " + maxFutureSkew + " ahead of the platform clock (" + limit + " allowed)");
        }
        return time;
    }

    /** Whether a timestamp is beyond the allowed skew. */
    public boolean isInFuture(Instant time) {
        return time.isAfter(clock.instant().plus(maxFutureSkew));
    }

    private static FixSource source(RawFix raw) throws ProtocolException {
        for (FixSource source : FixSource.values()) {
            if (source.code() == raw.sourceCode()) {
                return source;
            }
        }
        throw raw.where().error(Reason.INVALID_FIELD, "src", RawFix.SOURCE,
                "code " + raw.sourceCode() + " is not a known fix source (0 none, 1 gnss, 2 cell, 3 wifi)");
    }

    private static String degrees(long e7) {
        if (e7 == Long.MIN_VALUE || e7 == Long.MAX_VALUE) {
            // A JSON value too large to scale saturates; its digits would mislead.
            return e7 < 0 ? "a value below -1e11" : "a value above 1e11";
        }
        return java.math.BigDecimal.valueOf(e7, 7).stripTrailingZeros().toPlainString();
    }
}
