package org.shouhu.protocol;

/** A command from the platform to one wristband. */
public sealed interface DownlinkCommand permits LocateNow, SetReportingInterval, SosAcknowledged {

    DeviceId deviceId();

    /** Platform-assigned id, echoed by the device in logs; unsigned 32-bit. */
    long commandId();

    CommandType type();
}
