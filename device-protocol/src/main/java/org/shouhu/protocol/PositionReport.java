package org.shouhu.protocol;

import java.util.Objects;

/** A periodic position report. */
public record PositionReport(DeviceId deviceId, long sequence, Fix fix, int batteryPercent) implements UplinkMessage {

    public PositionReport {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(fix, "fix");
        UplinkMessage.checkSequence(sequence);
        UplinkMessage.checkBattery(batteryPercent);
    }

    @Override
    public MessageType type() {
        return MessageType.POSITION;
    }
}
