package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.shouhu.protocol.Frames.binary;
import static org.shouhu.protocol.Frames.rejected;

import org.junit.jupiter.api.Test;
import org.shouhu.protocol.ProtocolException.Reason;

/** The topic must be a v1 topic naming the payload's device and kind, so one band cannot speak for another. */
class TopicCheckTest {

    private static final byte[] POSITION = binary(Examples.POSITION);
    private static final DeviceId OTHER = DeviceId.parse("860000000000002");

    @Test
    void rejects_payload_from_another_device_than_the_topic_names() {
        ProtocolException e = rejected(Topics.uplink(OTHER, MessageType.POSITION), POSITION);
        assertThat(e.reason()).isEqualTo(Reason.TOPIC_MISMATCH);
        assertThat(e.getMessage()).contains("860000000000002", "860000000000001");
        assertThat(rejected(Topics.uplink(OTHER, MessageType.POSITION), UplinkCodec.encodeJson(Examples.POSITION))
                .reason()).isEqualTo(Reason.TOPIC_MISMATCH);
    }

    @Test
    void rejects_payload_of_another_kind_than_the_topic_names() {
        ProtocolException e = rejected(Topics.uplink(Examples.DEVICE, MessageType.STATUS), POSITION);
        assertThat(e.reason()).isEqualTo(Reason.TOPIC_MISMATCH);
        assertThat(e.getMessage()).contains("'status'", "'pos'");
    }

    @Test
    void rejects_topics_outside_the_v1_uplink_scheme() {
        for (String topic : new String[] {null, "", "shouhu/v1/860000000000001/up", "shouhu/v2/860000000000001/up/pos",
                "shouhu/v1/860000000000001/down/locate", "shouhu/v1/86000000000000x/up/pos",
                "shouhu/v1/860000000000001/up/position", "shouhu/v1/860000000000001/up/pos/extra"}) {
            assertThat(rejected(topic, POSITION).reason()).as(topic).isEqualTo(Reason.BAD_TOPIC);
        }
    }

    @Test
    void rejects_downlink_on_another_device_or_kind_topic() {
        byte[] locate = DownlinkCodec.encodeBinary(Examples.LOCATE);
        ProtocolException device = assertThrows(ProtocolException.class,
                () -> DownlinkCodec.decode(Topics.downlink(OTHER, CommandType.LOCATE_NOW), locate));
        assertThat(device.reason()).isEqualTo(Reason.TOPIC_MISMATCH);
        ProtocolException kind = assertThrows(ProtocolException.class,
                () -> DownlinkCodec.decode(Topics.downlink(Examples.DEVICE, CommandType.SOS_ACKNOWLEDGED), locate));
        assertThat(kind.reason()).isEqualTo(Reason.TOPIC_MISMATCH);
    }
}
