package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.protocol.Frames.binary;
import static org.shouhu.protocol.Frames.patched;
import static org.shouhu.protocol.Frames.prefix;
import static org.shouhu.protocol.Frames.rejected;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shouhu.protocol.ProtocolException.Reason;

/** Every malformed binary frame is rejected with its reason and the offset of the fault. */
class BinaryRejectionTest {

    private static final String POS_TOPIC = Examples.topic(Examples.POSITION);
    private static final byte[] POSITION = binary(Examples.POSITION);
    private static final byte[] STATUS = binary(Examples.STATUS);
    private static final byte[] BATCH = binary(Examples.BATCH);

    @Test
    void rejects_empty_payload() {
        assertThat(rejected(POS_TOPIC, new byte[0]).reason()).isEqualTo(Reason.EMPTY);
        assertThat(rejected(POS_TOPIC, null).reason()).isEqualTo(Reason.EMPTY);
    }

    @Test
    void rejects_frame_truncated_at_every_position_of_every_kind() {
        for (UplinkMessage message : List.of(Examples.POSITION, Examples.SOS, Examples.STATUS, Examples.BATCH)) {
            byte[] frame = binary(message);
            for (int length = 1; length < frame.length; length++) {
                ProtocolException e = rejected(Examples.topic(message), prefix(frame, length));
                assertThat(e.reason()).as("%s cut to %d bytes: %s", message.type(), length, e.getMessage())
                        .isEqualTo(Reason.TRUNCATED);
                assertThat(e.offset()).as("offset of %s", e.getMessage()).isBetween(0, length);
                assertThat(e.getMessage()).contains("needs").contains("left");
            }
        }
    }

    @Test
    void truncation_message_names_the_field_and_the_bytes_missing() {
        ProtocolException e = rejected(POS_TOPIC, prefix(POSITION, 24));
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.getMessage()).isEqualTo("TRUNCATED at byte 14: fix needs 23 bytes, 10 left");
    }

    @Test
    void rejects_frame_with_bad_checksum_whichever_body_byte_is_corrupted() {
        for (UplinkMessage message : List.of(Examples.POSITION, Examples.STATUS, Examples.SOS)) {
            byte[] frame = binary(message);
            for (int i = 2; i < frame.length; i++) {
                byte[] corrupted = frame.clone();
                corrupted[i] ^= 0x10;
                String topic = Examples.topic(message);
                ProtocolException e = rejected(topic, corrupted);
                assertThat(e.reason()).as("byte %d flipped: %s", i, e.getMessage()).isEqualTo(Reason.BAD_CHECKSUM);
                assertThat(e.offset()).isEqualTo(frame.length - 2);
            }
        }
    }

    @Test
    void rejects_unknown_version() {
        ProtocolException e = rejected(POS_TOPIC, patched(POSITION, 0, 0x02, 1));
        assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION);
        assertThat(e.offset()).isZero();
    }

    @Test
    void rejects_unknown_type_including_downlink_types_on_an_uplink_topic() {
        for (int type : new int[] {0x00, 0x05, 0x81, 0xFF}) {
            ProtocolException e = rejected(POS_TOPIC, patched(POSITION, 1, type, 1));
            assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_TYPE);
            assertThat(e.offset()).isEqualTo(1);
        }
    }

    @Test
    void rejects_trailing_bytes_after_the_checksum() {
        byte[] longer = Arrays.copyOf(POSITION, POSITION.length + 3);
        ProtocolException e = rejected(POS_TOPIC, longer);
        assertThat(e.reason()).isEqualTo(Reason.TRAILING_BYTES);
        assertThat(e.offset()).isEqualTo(POSITION.length);
    }

    @Test
    void rejects_status_with_reserved_flag_bits() {
        for (int flags : new int[] {0x04, 0x80, 0xFF}) {
            ProtocolException e = rejected(Examples.topic(Examples.STATUS), patched(STATUS, 23, flags, 1));
            assertThat(e.reason()).isEqualTo(Reason.INVALID_FIELD);
            assertThat(e.offset()).isEqualTo(23);
            assertThat(e.getMessage()).contains("flags");
        }
    }

    @Test
    void rejects_coordinate_out_of_range() {
        ProtocolException lat = rejected(POS_TOPIC, patched(POSITION, 22, 900_000_001, 4));
        assertThat(lat.reason()).isEqualTo(Reason.COORDINATE_OUT_OF_RANGE);
        assertThat(lat.offset()).isEqualTo(22);
        assertThat(lat.getMessage()).contains("fix.lat", "90.0000001");

        ProtocolException lon = rejected(POS_TOPIC, patched(POSITION, 26, -1_800_000_001, 4));
        assertThat(lon.reason()).isEqualTo(Reason.COORDINATE_OUT_OF_RANGE);
        assertThat(lon.offset()).isEqualTo(26);
    }

    @Test
    void accepts_coordinates_at_the_edges_of_their_range() throws ProtocolException {
        byte[] edges = patched(patched(POSITION, 22, -900_000_000, 4), 26, 1_800_000_000, 4);
        PositionReport report = (PositionReport) Examples.CODEC.decode(POS_TOPIC, edges);
        assertThat(report.fix().latitude()).isEqualTo(-90.0);
        assertThat(report.fix().longitude()).isEqualTo(180.0);
    }

    @Test
    void rejects_fix_time_in_the_future_beyond_the_skew_and_accepts_it_at_the_skew() throws ProtocolException {
        long limit = Examples.NOW.plus(Examples.SKEW).toEpochMilli();
        ProtocolException e = rejected(POS_TOPIC, patched(POSITION, 14, limit + 1, 8));
        assertThat(e.reason()).isEqualTo(Reason.TIME_IN_FUTURE);
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.getMessage()).contains("fix.time");

        UplinkMessage atLimit = Examples.CODEC.decode(POS_TOPIC, patched(POSITION, 14, limit, 8));
        FixInvariants.check(atLimit);
    }

    @Test
    void rejects_status_time_in_the_future() {
        long future = Examples.NOW.plus(Examples.SKEW).toEpochMilli() + 1;
        ProtocolException e = rejected(Examples.topic(Examples.STATUS), patched(STATUS, 14, future, 8));
        assertThat(e.reason()).isEqualTo(Reason.TIME_IN_FUTURE);
        assertThat(e.offset()).isEqualTo(14);
    }

    @Test
    void rejects_fix_fields_out_of_their_wire_range_naming_the_field() {
        record Case(int offset, long value, int size, String field) {
        }
        for (Case c : List.of(new Case(30, 0xFFFF, 2, "fix.acc"), new Case(32, 4, 1, "fix.src"),
                new Case(33, 65_501, 2, "fix.speed"), new Case(35, 36_000, 2, "fix.heading"),
                new Case(37, 101, 1, "battery"), new Case(2, DeviceId.LIMIT, 8, "device id"))) {
            ProtocolException e = rejected(POS_TOPIC, patched(POSITION, c.offset(), c.value(), c.size()));
            assertThat(e.reason()).as(c.field()).isEqualTo(Reason.INVALID_FIELD);
            assertThat(e.offset()).as(c.field()).isEqualTo(c.offset());
            assertThat(e.getMessage()).contains(c.field());
        }
    }

    @Test
    void rejects_batch_with_no_positions() {
        byte[] empty = Frames.withValidCrc(new byte[] {1, 4, 0, 3, 0x0E, 0x2A, 0x5A, (byte) 0x81, (byte) 0xC0, 1,
                0, 0, 0, 0x2D, 0, 0, 0, 0});
        ProtocolException e = rejected(Examples.topic(Examples.BATCH), empty);
        assertThat(e.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(e.offset()).isEqualTo(14);
    }

    @Test
    void rejects_batch_whose_count_exceeds_its_entries() {
        ProtocolException e = rejected(Examples.topic(Examples.BATCH), patched(BATCH, 14, 3, 2));
        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e.offset()).isEqualTo(16);
        assertThat(e.getMessage()).contains("3 batch entries");
    }

    @Test
    void rejects_whole_batch_naming_the_bad_entry() {
        int secondLatitude = 16 + 28 + 4 + 8;
        ProtocolException e = rejected(Examples.topic(Examples.BATCH), patched(BATCH, secondLatitude, 950_000_000, 4));
        assertThat(e.reason()).isEqualTo(Reason.COORDINATE_OUT_OF_RANGE);
        assertThat(e.offset()).isEqualTo(secondLatitude);
        assertThat(e.getMessage()).contains("positions[1].fix.lat");
    }
}
