package org.shouhu.protocol;

import java.util.Objects;

/**
 * Help is coming: the SOS with the given device sequence was acknowledged by a dispatcher. The wristband vibrates so
 * the child knows.
 */
public record SosAcknowledged(DeviceId deviceId, long commandId, long sosSequence) implements DownlinkCommand {

    public SosAcknowledged {
        Objects.requireNonNull(deviceId, "deviceId");
        UplinkMessage.checkSequence(commandId);
        UplinkMessage.checkSequence(sosSequence);
    }

    @Override
    public CommandType type() {
        return CommandType.SOS_ACKNOWLEDGED;
    }
}
