package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.shouhu.protocol.ProtocolException.Reason;

/** Malformed downlink commands are rejected with their reason and offset, as uplinks are. */
class DownlinkRejectionTest {

    private static final String INTERVAL_TOPIC = Examples.topic(Examples.INTERVAL);
    private static final byte[] INTERVAL = DownlinkCodec.encodeBinary(Examples.INTERVAL);

    private static ProtocolException rejected(String topic, byte[] payload) {
        return assertThrows(ProtocolException.class, () -> DownlinkCodec.decode(topic, payload));
    }

    @Test
    void rejects_interval_outside_10_seconds_to_1_hour() {
        for (int seconds : new int[] {0, 9, 3601, 0xFFFF}) {
            ProtocolException e = rejected(INTERVAL_TOPIC, Frames.patched(INTERVAL, 14, seconds, 2));
            assertThat(e.reason()).isEqualTo(Reason.INVALID_FIELD);
            assertThat(e.offset()).isEqualTo(14);
            assertThat(e.getMessage()).contains("interval_s");
        }
        String json = new String(DownlinkCodec.encodeJson(Examples.INTERVAL), StandardCharsets.UTF_8)
                .replace("300", "5");
        assertThat(rejected(INTERVAL_TOPIC, json.getBytes(StandardCharsets.UTF_8)).getMessage())
                .contains("interval_s 5 is outside 10..3600");
    }

    @Test
    void rejects_truncated_corrupted_and_unknown_commands() {
        for (int length = 1; length < INTERVAL.length; length++) {
            assertThat(rejected(INTERVAL_TOPIC, Frames.prefix(INTERVAL, length)).reason())
                    .isEqualTo(Reason.TRUNCATED);
        }
        byte[] corrupted = INTERVAL.clone();
        corrupted[15] ^= 4;
        assertThat(rejected(INTERVAL_TOPIC, corrupted).reason()).isEqualTo(Reason.BAD_CHECKSUM);
        ProtocolException uplinkType = rejected(INTERVAL_TOPIC, Frames.patched(INTERVAL, 1, 0x01, 1));
        assertThat(uplinkType.reason()).isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(uplinkType.offset()).isEqualTo(1);
        assertThat(rejected(INTERVAL_TOPIC, new byte[0]).reason()).isEqualTo(Reason.EMPTY);
    }

    @Test
    void rejects_json_command_with_a_missing_or_unknown_field() {
        String locate = new String(DownlinkCodec.encodeJson(Examples.LOCATE), StandardCharsets.UTF_8);
        String topic = Examples.topic(Examples.LOCATE);
        assertThat(rejected(topic, locate.replace(",\"cmd\":7", "").getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo(Reason.MISSING_FIELD);
        assertThat(rejected(topic, locate.replace("}", ",\"interval_s\":60}").getBytes(StandardCharsets.UTF_8))
                .getMessage()).contains("unknown field 'interval_s'");
    }
}
