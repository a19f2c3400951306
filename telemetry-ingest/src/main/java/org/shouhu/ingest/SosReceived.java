package org.shouhu.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.ProtocolException;

/**
 * An SOS press as ingest hands it to the alert side. Every SOS that reaches the broker becomes one of these, even
 * when its frame is damaged or its fix is missing; the fields say how much is known.
 *
 * @param device       the wristband (from the payload, or from the topic when the frame could not be decoded)
 * @param sequence     the device's sequence number of the press, 0..2^32-1; negative for a corrupt frame, where it
 *                     is a synthetic id derived from the frame's bytes so that a redelivery of the same frame gets
 *                     the same id (see {@link #sequenceKnown()})
 * @param pressedAt    when the button was pressed (the receive time when the frame could not be decoded)
 * @param receivedAt   when ingest received the message
 * @param reportedFix  the fix sent with the press; {@link Fix#none} when it had none or the frame was corrupt
 * @param position     where to send help: the reported position if it has one, else the last known one; empty when
 *                     neither exists
 * @param pressAge     receivedAt minus pressedAt, never negative
 * @param late         whether the press is older than the configured late threshold (uploaded from an offline
 *                     buffer); a late SOS is still delivered
 * @param battery      battery percentage at the press, empty for a corrupt frame
 * @param rejection    why the frame was rejected when it was corrupt; empty for a valid SOS
 */
public record SosReceived(DeviceId device, long sequence, Instant pressedAt, Instant receivedAt, Fix reportedFix,
                          Optional<SosPosition> position, Duration pressAge, boolean late, OptionalInt battery,
                          Optional<ProtocolException.Reason> rejection) {

    public SosReceived {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(pressedAt, "pressedAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(reportedFix, "reportedFix");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(pressAge, "pressAge");
        Objects.requireNonNull(battery, "battery");
        Objects.requireNonNull(rejection, "rejection");
        if (sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        if (pressAge.isNegative()) {
            pressAge = Duration.ZERO;
        }
    }

    /** Whether the frame was damaged and this SOS was reconstructed from its topic alone. */
    public boolean corruptFrame() {
        return rejection.isPresent();
    }

    /** False when {@link #sequence()} is a synthetic id for a corrupt frame. */
    public boolean sequenceKnown() {
        return sequence >= 0;
    }

    /** Whether the position to use is the stored last known one rather than one reported with the press. */
    public boolean usesLastKnownPosition() {
        return position.map(SosPosition::lastKnown).orElse(false);
    }
}
