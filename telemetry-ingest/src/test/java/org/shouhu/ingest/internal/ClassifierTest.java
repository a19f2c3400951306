package org.shouhu.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.ProtocolException.Reason;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;

class ClassifierTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final DeviceId DEVICE = new DeviceId(861234567890123L);
    private final Classifier classifier =
            new Classifier(new UplinkCodec(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5))::decode);

    private static InboundMessage inbound(String topic, byte[] payload) {
        return new InboundMessage(topic, payload, NOW, () -> { });
    }

    private static SosPress press() {
        return new SosPress(DEVICE, 12, NOW.minusSeconds(3), Fix.none(NOW.minusSeconds(3)), 40);
    }

    @Test
    void accepts_a_valid_position() {
        PositionReport report = new PositionReport(DEVICE, 1,
                new Fix(NOW.minusSeconds(5), 26.5, 106.7, 10, FixSource.GNSS, 0, 0), 90);
        Classified result = classifier.classify(
                inbound(Topics.uplink(DEVICE, MessageType.POSITION), UplinkCodec.encodeBinary(report)));
        assertThat(result).isInstanceOfSatisfying(Classified.Accepted.class,
                accepted -> assertThat(accepted.uplink()).isEqualTo(report));
    }

    @Test
    void rejects_garbage_on_a_position_topic_without_raising_sos() {
        Classified result = classifier.classify(
                inbound(Topics.uplink(DEVICE, MessageType.POSITION), new byte[] {1, 2, 3}));
        assertThat(result).isInstanceOfSatisfying(Classified.Rejected.class,
                rejected -> assertThat(rejected.sosDevice()).isEmpty());
    }

    @Test
    void garbage_on_an_sos_topic_keeps_the_topic_device_for_an_sos() {
        Classified result = classifier.classify(inbound(Topics.uplink(DEVICE, MessageType.SOS), new byte[] {1}));
        assertThat(result).isInstanceOfSatisfying(Classified.Rejected.class,
                rejected -> assertThat(rejected.sosDevice()).contains(DEVICE));
    }

    @Test
    void an_sos_published_on_the_position_topic_is_still_an_sos() {
        Classified result = classifier.classify(
                inbound(Topics.uplink(DEVICE, MessageType.POSITION), UplinkCodec.encodeBinary(press())));
        assertThat(result).isInstanceOfSatisfying(Classified.Accepted.class,
                accepted -> assertThat(accepted.uplink()).isInstanceOf(SosPress.class));
    }

    @Test
    void rejects_a_topic_outside_the_scheme() {
        Classified result = classifier.classify(inbound("shouhu/v2/x/up/pos", new byte[] {1}));
        assertThat(result).isInstanceOfSatisfying(Classified.Rejected.class,
                rejected -> assertThat(rejected.problem().reason()).isEqualTo(Reason.BAD_TOPIC));
    }

    @Test
    void a_decoder_failure_costs_one_message_not_the_connection() {
        Classifier broken = new Classifier((topic, payload) -> {
            throw new IllegalStateException("bug");
        });
        Classified result = broken.classify(inbound(Topics.uplink(DEVICE, MessageType.SOS), new byte[] {1}));
        assertThat(result).isInstanceOfSatisfying(Classified.Rejected.class, rejected -> {
            assertThat(rejected.problem().reason()).isEqualTo(Reason.INVALID_FIELD);
            assertThat(rejected.sosDevice()).contains(DEVICE);
        });
    }

    @Test
    void a_corrupt_sos_gets_the_same_negative_synthetic_sequence_on_redelivery() {
        InboundMessage frame = inbound(Topics.uplink(DEVICE, MessageType.SOS), new byte[] {9, 9, 9});
        long first = SosCandidate.syntheticSequence(frame);
        assertThat(first).isNegative().isEqualTo(SosCandidate.syntheticSequence(
                inbound(frame.topic(), new byte[] {9, 9, 9})));
        assertThat(SosCandidate.syntheticSequence(inbound(frame.topic(), new byte[] {9, 9, 8}))).isNotEqualTo(first);
    }
}
