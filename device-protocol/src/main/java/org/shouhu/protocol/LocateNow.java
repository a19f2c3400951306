package org.shouhu.protocol;

import java.util.Objects;

/** Take a fix now and report it, whatever the reporting interval. */
public record LocateNow(DeviceId deviceId, long commandId) implements DownlinkCommand {

    public LocateNow {
        Objects.requireNonNull(deviceId, "deviceId");
        UplinkMessage.checkSequence(commandId);
    }

    @Override
    public CommandType type() {
        return CommandType.LOCATE_NOW;
    }
}
