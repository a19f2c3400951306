package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.protocol.Frames.binary;
import static org.shouhu.protocol.Frames.json;
import static org.shouhu.protocol.Frames.patched;
import static org.shouhu.protocol.Frames.rejected;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * An SOS is never rejected for want of a good fix: only a frame that cannot be trusted at all is. Offsets in the
 * binary SOS: pressed at 14, fix at 22 (time 22, lat 30, lon 34, acc 38, src 40), battery at 45.
 */
class SosAcceptanceTest {

    private static final String TOPIC = Examples.topic(Examples.SOS);
    private static final byte[] SOS = binary(Examples.SOS);
    private static final String SOS_JSON = new String(UplinkCodec.encodeJson(Examples.SOS), StandardCharsets.UTF_8);
    private static final Instant PRESSED = Examples.SOS.pressedAt();
    private static final long BEYOND_SKEW = Examples.NOW.plus(Examples.SKEW).toEpochMilli() + 1;

    private static SosPress decode(byte[] payload) throws ProtocolException {
        SosPress sos = (SosPress) Examples.CODEC.decode(TOPIC, payload);
        FixInvariants.check(sos);
        return sos;
    }

    @Test
    void accepts_sos_without_fix_with_fix_none_at_the_press_time() throws ProtocolException {
        SosPress sos = decode(patched(SOS, 40, FixSource.NONE.code(), 1));
        assertThat(sos.fix()).isEqualTo(Fix.none(PRESSED));
        assertThat(sos.sequence()).isEqualTo(43);
    }

    @Test
    void accepts_sos_at_zero_coordinates_as_fix_none() throws ProtocolException {
        SosPress sos = decode(patched(patched(SOS, 30, 0, 4), 34, 0, 4));
        assertThat(sos.fix()).isEqualTo(Fix.none(PRESSED));
    }

    @Test
    void accepts_sos_with_coordinates_out_of_range_as_fix_none() throws ProtocolException {
        assertThat(decode(patched(SOS, 30, 0x7FFF_FFFF, 4)).fix()).isEqualTo(Fix.none(PRESSED));
        assertThat(decode(patched(SOS, 34, -1_800_000_001, 4)).fix()).isEqualTo(Fix.none(PRESSED));
    }

    @Test
    void accepts_sos_with_fix_fields_out_of_range_as_fix_none() throws ProtocolException {
        assertThat(decode(patched(SOS, 38, 0xFFFF, 2)).fix()).isEqualTo(Fix.none(PRESSED));
        assertThat(decode(patched(SOS, 40, 9, 1)).fix()).isEqualTo(Fix.none(PRESSED));
    }

    @Test
    void accepts_sos_with_fix_time_in_the_future_as_fix_none() throws ProtocolException {
        assertThat(decode(patched(SOS, 22, BEYOND_SKEW, 8)).fix()).isEqualTo(Fix.none(PRESSED));
    }

    @Test
    void takes_the_clock_now_for_a_press_time_in_the_future() throws ProtocolException {
        SosPress sos = decode(patched(SOS, 14, Long.MAX_VALUE, 8));
        assertThat(sos.pressedAt()).isEqualTo(Examples.NOW);
        assertThat(sos.fix()).isEqualTo(Examples.SOS.fix());
    }

    @Test
    void clamps_an_out_of_range_battery() throws ProtocolException {
        assertThat(decode(patched(SOS, 45, 0xFF, 1)).batteryPercent()).isEqualTo(100);
    }

    @Test
    void keeps_a_good_fix_unchanged() throws ProtocolException {
        assertThat(decode(SOS)).isEqualTo(Examples.SOS);
    }

    @Test
    void accepts_json_sos_without_fix_or_with_an_unreadable_fix() throws ProtocolException {
        String withoutFix = SOS_JSON.replaceFirst("\"fix\":\\{[^}]*},", "");
        String nullFix = SOS_JSON.replaceFirst("\"fix\":\\{[^}]*}", "\"fix\":null");
        String stringFix = SOS_JSON.replaceFirst("\"fix\":\\{[^}]*}", "\"fix\":\"unknown\"");
        String badLatitude = SOS_JSON.replace("\"lat\":27.3000123", "\"lat\":\"north\"");
        String farLatitude = SOS_JSON.replace("\"lat\":27.3000123", "\"lat\":127.3");
        String unknownField = SOS_JSON.replace("\"acc\":12", "\"acc\":12,\"alt\":1200");
        for (String payload : new String[] {withoutFix, nullFix, stringFix, badLatitude, farLatitude, unknownField}) {
            assertThat(payload).isNotEqualTo(SOS_JSON);
            assertThat(decode(json(payload)).fix()).as(payload).isEqualTo(Fix.none(PRESSED));
        }
    }

    @Test
    void json_sos_with_press_time_in_the_future_takes_the_clock_now() throws ProtocolException {
        String payload = SOS_JSON.replace("\"pressed\":\"2026-11-23T08:00:05.000Z\"",
                "\"pressed\":\"2027-01-01T00:00:00.000Z\"");
        assertThat(decode(json(payload)).pressedAt()).isEqualTo(Examples.NOW);
    }

    @Test
    void accepts_sos_published_on_another_kind_topic_of_the_same_device() throws ProtocolException {
        String positionTopic = Topics.uplink(Examples.DEVICE, MessageType.POSITION);
        assertThat(Examples.CODEC.decode(positionTopic, SOS)).isEqualTo(Examples.SOS);
    }

    @Test
    void still_rejects_sos_frames_that_cannot_be_trusted() {
        byte[] corrupted = SOS.clone();
        corrupted[30] ^= 1;
        assertThat(rejected(TOPIC, corrupted).reason()).isEqualTo(Reason.BAD_CHECKSUM);
        assertThat(rejected(TOPIC, Frames.prefix(SOS, 40)).reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(rejected(TOPIC, patched(SOS, 0, 2, 1)).reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
        assertThat(rejected(TOPIC, json(SOS_JSON.substring(0, SOS_JSON.length() - 1))).reason()).isEqualTo(Reason.MALFORMED_JSON);
        String otherDevice = Topics.uplink(DeviceId.parse("860000000000002"), MessageType.SOS);
        assertThat(rejected(otherDevice, SOS).reason()).isEqualTo(Reason.TOPIC_MISMATCH);
    }
}
