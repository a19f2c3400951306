package org.shouhu.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The example messages of docs/protocol.md, by the names used in the golden files, and the clock they are decoded
 * against.
 */
final class Examples {

    static final DeviceId DEVICE = DeviceId.parse("860000000000001");
    static final Instant NOW = Instant.parse("2026-11-23T08:05:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration SKEW = Duration.ofMinutes(2);
    static final UplinkCodec CODEC = new UplinkCodec(CLOCK, SKEW);

    static final PositionReport POSITION = new PositionReport(DEVICE, 42,
            new Fix(Instant.parse("2026-11-23T08:00:00Z"), 27.3, 105.3, 8, FixSource.GNSS, 1.2, 90.0), 80);

    static final SosPress SOS = new SosPress(DEVICE, 43, Instant.parse("2026-11-23T08:00:05Z"),
            new Fix(Instant.parse("2026-11-23T08:00:04Z"), 27.3000123, 105.3000456, 12, FixSource.GNSS, 0.8, 270.5),
            79);

    /** An SOS pressed indoors before the first satellite lock. */
    static final SosPress SOS_WITHOUT_FIX = new SosPress(DEVICE, 46, Instant.parse("2026-11-23T08:02:00Z"),
            Fix.none(Instant.parse("2026-11-23T08:02:00Z")), 78);

    static final StatusReport STATUS = new StatusReport(DEVICE, 44, Instant.parse("2026-11-23T08:01:00Z"), 55,
            true, false);

    static final PositionBatch BATCH = new PositionBatch(DEVICE, 45, List.of(
            new PositionReport(DEVICE, 40,
                    new Fix(Instant.parse("2026-11-23T07:50:00Z"), 27.29, 105.29, 350, FixSource.CELL, 0.0, 0.0), 81),
            new PositionReport(DEVICE, 41,
                    new Fix(Instant.parse("2026-11-23T07:55:00Z"), 27.295, 105.295, 9, FixSource.GNSS, 1.5, 45.0),
                    81)));

    static final LocateNow LOCATE = new LocateNow(DEVICE, 7);
    static final SetReportingInterval INTERVAL = new SetReportingInterval(DEVICE, 8, Duration.ofMinutes(5));
    static final SosAcknowledged SOS_ACK = new SosAcknowledged(DEVICE, 9, 43);

    static final Map<String, UplinkMessage> UPLINKS = Map.of(
            "position", POSITION, "sos", SOS, "sos-without-fix", SOS_WITHOUT_FIX, "status", STATUS, "batch", BATCH);

    static final Map<String, DownlinkCommand> DOWNLINKS = Map.of(
            "locate", LOCATE, "interval", INTERVAL, "sos-ack", SOS_ACK);

    private Examples() {
    }

    static String topic(UplinkMessage message) {
        return Topics.uplink(message.deviceId(), message.type());
    }

    static String topic(DownlinkCommand command) {
        return Topics.downlink(command.deviceId(), command.type());
    }
}
