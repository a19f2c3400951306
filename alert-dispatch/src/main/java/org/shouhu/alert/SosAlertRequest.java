package org.shouhu.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.protocol.DeviceId;

/**
 * A child pressed SOS.
 *
 * @param device         the wristband
 * @param sequence       the device's sequence number of the press; with the device it identifies the press, so
 *                       raising the same press twice (a redelivered MQTT message) yields the same alert
 * @param pressedAt      when the button was pressed, by the device clock
 * @param position       the position to report, empty when neither a fix nor a last known position exists
 * @param late           true when the press reached the platform late (stored on the device while offline)
 * @param batteryPercent battery charge 0..100
 */
public record SosAlertRequest(DeviceId device, long sequence, Instant pressedAt, Optional<ReportedPosition> position,
                              boolean late, int batteryPercent) {

    public SosAlertRequest {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(pressedAt, "pressedAt");
        Objects.requireNonNull(position, "position");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        if (batteryPercent < 0 || batteryPercent > 100) {
            throw new IllegalArgumentException("battery out of range 0..100: " + batteryPercent);
        }
    }
}
