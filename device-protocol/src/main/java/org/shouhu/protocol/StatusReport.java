package org.shouhu.protocol;

import java.time.Instant;
import java.util.Objects;

/** Device health: battery, whether the band is on a wrist, whether it is charging. */
public record StatusReport(DeviceId deviceId, long sequence, Instant time, int batteryPercent, boolean worn,
                           boolean charging) implements UplinkMessage {

    public StatusReport {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(time, "time");
        UplinkMessage.checkSequence(sequence);
        UplinkMessage.checkBattery(batteryPercent);
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS;
    }
}
