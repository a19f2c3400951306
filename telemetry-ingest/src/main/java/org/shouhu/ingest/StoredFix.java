package org.shouhu.ingest;

import java.time.Instant;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;

/**
 * A position as stored.
 *
 * @param device     the wristband
 * @param sequence   the device's sequence number of the report
 * @param fix        the fix (time, coordinates, accuracy, source, speed, heading)
 * @param battery    battery percentage at the report
 * @param receivedAt when ingest received it
 * @param late       whether it was older than the device's newest stored fix when written, or came buffered
 */
public record StoredFix(DeviceId device, long sequence, Fix fix, int battery, Instant receivedAt, boolean late) {

    public StoredFix {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
