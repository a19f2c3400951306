package org.shouhu.protocol;

import java.time.Instant;
import java.util.Objects;

/**
 * The child pressed the SOS button. The fix is the best the device had at the press; it may have no position
 * ({@link Fix#hasPosition()} false), and the SOS is still valid: the platform then uses the last known position.
 */
public record SosPress(DeviceId deviceId, long sequence, Instant pressedAt, Fix fix, int batteryPercent)
        implements UplinkMessage {

    public SosPress {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(pressedAt, "pressedAt");
        Objects.requireNonNull(fix, "fix");
        UplinkMessage.checkSequence(sequence);
        UplinkMessage.checkBattery(batteryPercent);
    }

    @Override
    public MessageType type() {
        return MessageType.SOS;
    }
}
