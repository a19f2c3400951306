package org.shouhu.ingest;

import java.time.Instant;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;

/**
 * A position that was just committed (first time stored; duplicates are not reported).
 *
 * @param device     the wristband
 * @param sequence   the device's sequence number of the report
 * @param fix        the fix as reported
 * @param battery    battery percentage at the report
 * @param receivedAt when ingest received it
 * @param late       whether it is older than the newest fix already stored for the device when it was written, or
 *                   came in a buffered {@code PositionBatch}; consumers that track the present (geofences) should
 *                   not treat a late fix as the current position
 */
public record StoredPosition(DeviceId device, long sequence, Fix fix, int battery, Instant receivedAt, boolean late) {

    public StoredPosition {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
