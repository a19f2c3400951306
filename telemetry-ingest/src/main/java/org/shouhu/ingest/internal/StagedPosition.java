package org.shouhu.ingest.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;

/**
 * One position on its way into the database.
 *
 * @param fromBatch whether it came in a buffered {@code PositionBatch} (always stored as late)
 */
record StagedPosition(DeviceId device, long sequence, Fix fix, int battery, Instant receivedAt, boolean fromBatch) {

    StagedPosition {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The fix time in microseconds since the Unix epoch, the database's resolution (rounded down). */
    long fixMicros() {
        return micros(fix.time());
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /** The unique key as the database stores it (microsecond resolution). */
    Key key() {
        return new Key(device.imei(), sequence, fix.time().truncatedTo(ChronoUnit.MICROS));
    }

    record Key(long device, long sequence, Instant fixTime) {
    }
}
