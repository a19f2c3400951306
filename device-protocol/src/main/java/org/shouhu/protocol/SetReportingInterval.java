package org.shouhu.protocol;

import java.time.Duration;
import java.util.Objects;

/** Report positions every {@code interval} while moving (10 s .. 1 h). */
public record SetReportingInterval(DeviceId deviceId, long commandId, Duration interval) implements DownlinkCommand {

    public static final Duration MIN = Duration.ofSeconds(10);
    public static final Duration MAX = Duration.ofHours(1);

    public SetReportingInterval {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(interval, "interval");
        UplinkMessage.checkSequence(commandId);
        if (interval.compareTo(MIN) < 0 || interval.compareTo(MAX) > 0 || interval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("interval must be whole seconds in 10 s..1 h: " + interval);
        }
    }

    @Override
    public CommandType type() {
        return CommandType.SET_REPORTING_INTERVAL;
    }
}
