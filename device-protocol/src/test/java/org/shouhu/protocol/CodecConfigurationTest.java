package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.shouhu.protocol.ProtocolException.Reason;

/** How the codec's clock and skew settings govern the future-time check. */
class CodecConfigurationTest {

    @Test
    void rejects_a_negative_skew() {
        assertThrows(IllegalArgumentException.class, () -> new UplinkCodec(Examples.CLOCK, Duration.ofSeconds(-1)));
    }

    @Test
    void a_zero_skew_accepts_times_up_to_the_clock_and_rejects_one_millisecond_later() throws ProtocolException {
        UplinkCodec strict = new UplinkCodec(Clock.fixed(Examples.POSITION.fix().time(), ZoneOffset.UTC), Duration.ZERO);
        String topic = Examples.topic(Examples.POSITION);
        assertThat(strict.decode(topic, UplinkCodec.encodeBinary(Examples.POSITION))).isEqualTo(Examples.POSITION);

        UplinkCodec earlier = new UplinkCodec(
                Clock.fixed(Examples.POSITION.fix().time().minusMillis(1), ZoneOffset.UTC), Duration.ZERO);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> earlier.decode(topic, UplinkCodec.encodeBinary(Examples.POSITION)));
        assertThat(e.reason()).isEqualTo(Reason.TIME_IN_FUTURE);
    }

    @Test
    void the_codec_reads_the_clock_at_each_decode() throws ProtocolException {
        MutableClock clock = new MutableClock(Examples.POSITION.fix().time().minusSeconds(60));
        UplinkCodec codec = new UplinkCodec(clock, Duration.ZERO);
        String topic = Examples.topic(Examples.POSITION);
        byte[] frame = UplinkCodec.encodeBinary(Examples.POSITION);
        assertThat(assertThrows(ProtocolException.class, () -> codec.decode(topic, frame)).reason())
                .isEqualTo(Reason.TIME_IN_FUTURE);
        clock.set(Examples.POSITION.fix().time());
        assertThat(codec.decode(topic, frame)).isEqualTo(Examples.POSITION);
    }

    private static final class MutableClock extends Clock {
        private java.time.Instant now;

        MutableClock(java.time.Instant now) {
            this.now = now;
        }

        void set(java.time.Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
