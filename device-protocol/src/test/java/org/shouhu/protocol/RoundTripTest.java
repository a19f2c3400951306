package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Every kind, uplink and downlink, survives encoding and decoding in both forms, and both forms agree. */
class RoundTripTest {

    private static final int MESSAGES = 1_000;

    @Test
    void every_uplink_kind_round_trips_in_both_forms() throws ProtocolException {
        RandomMessages random = new RandomMessages(1);
        int[] seen = new int[MessageType.values().length];
        for (int i = 0; i < MESSAGES; i++) {
            UplinkMessage message = random.uplink();
            String topic = Examples.topic(message);
            UplinkMessage fromBinary = Examples.CODEC.decode(topic, UplinkCodec.encodeBinary(message));
            UplinkMessage fromJson = Examples.CODEC.decode(topic, UplinkCodec.encodeJson(message));
            assertThat(fromBinary).as("binary round trip").isEqualTo(expectedAfterDecoding(message));
            assertThat(fromJson).as("JSON round trip").isEqualTo(fromBinary);
            FixInvariants.check(fromBinary);
            seen[message.type().ordinal()]++;
        }
        assertThat(java.util.Arrays.stream(seen).min().orElse(0)).as("messages per kind").isGreaterThan(100);
    }

    @Test
    void every_downlink_kind_round_trips_in_both_forms() throws ProtocolException {
        RandomMessages random = new RandomMessages(2);
        int[] seen = new int[CommandType.values().length];
        for (int i = 0; i < MESSAGES; i++) {
            DownlinkCommand command = random.downlink();
            String topic = Examples.topic(command);
            assertThat(DownlinkCodec.decode(topic, DownlinkCodec.encodeBinary(command))).isEqualTo(command);
            assertThat(DownlinkCodec.decode(topic, DownlinkCodec.encodeJson(command))).isEqualTo(command);
            seen[command.type().ordinal()]++;
        }
        assertThat(java.util.Arrays.stream(seen).min().orElse(0)).as("commands per kind").isGreaterThan(100);
    }

    @Test
    void encoding_rounds_to_wire_resolution_the_same_way_in_both_forms() throws ProtocolException {
        Fix precise = new Fix(Instant.parse("2026-11-23T08:00:00.123456789Z"), 27.123456789, 105.98765432, 8,
                FixSource.GNSS, 1.234, 359.999);
        PositionReport report = new PositionReport(Examples.DEVICE, 1, precise, 50);
        String topic = Examples.topic(report);

        PositionReport fromBinary = (PositionReport) Examples.CODEC.decode(topic, UplinkCodec.encodeBinary(report));
        PositionReport fromJson = (PositionReport) Examples.CODEC.decode(topic, UplinkCodec.encodeJson(report));

        assertThat(fromBinary.fix()).isEqualTo(new Fix(Instant.parse("2026-11-23T08:00:00.123Z"), 27.1234568,
                105.9876543, 8, FixSource.GNSS, 1.23, 0.0));
        assertThat(fromJson).isEqualTo(fromBinary);
    }

    @Test
    void encoding_a_time_beyond_epoch_milliseconds_fails_with_illegal_argument() {
        StatusReport farFuture = new StatusReport(Examples.DEVICE, 1, Instant.MAX, 50, true, false);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> UplinkCodec.encodeBinary(farFuture));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> UplinkCodec.encodeJson(farFuture));
    }

    /** An SOS without a position decodes as Fix.none at its press time; everything else is unchanged. */
    private static UplinkMessage expectedAfterDecoding(UplinkMessage message) {
        if (message instanceof SosPress sos && !sos.fix().hasPosition()) {
            return new SosPress(sos.deviceId(), sos.sequence(), sos.pressedAt(), Fix.none(sos.pressedAt()),
                    sos.batteryPercent());
        }
        return message;
    }
}
