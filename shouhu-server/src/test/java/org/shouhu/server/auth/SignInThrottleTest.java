package org.shouhu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final SignInThrottle throttle = new SignInThrottle(clock, 3, Duration.ofMinutes(15));

    @Test
    void refuses_a_user_name_after_too_many_failures_until_the_window_has_passed() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.waitBefore("grandma.wang", "10.0.0.1")).isEmpty();
            throttle.failed("grandma.wang", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(throttle.waitBefore("grandma.wang", "10.0.0.2")).hasValue(Duration.ofMinutes(12));
        assertThat(throttle.waitBefore("uncle.li", "10.0.0.1")).isEmpty();
        clock.advance(Duration.ofMinutes(12));
        assertThat(throttle.waitBefore("grandma.wang", "10.0.0.1")).isEmpty();
    }

    @Test
    void a_success_clears_the_user_names_failures() {
        throttle.failed("grandma.wang", "10.0.0.1");
        throttle.failed("grandma.wang", "10.0.0.1");
        throttle.succeeded("grandma.wang");
        throttle.failed("grandma.wang", "10.0.0.1");

        assertThat(throttle.waitBefore("grandma.wang", "10.0.0.1")).isEmpty();
    }

    @Test
    void refuses_an_address_guessing_across_many_user_names() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }

        assertThat(throttle.waitBefore("someone.new", "10.0.0.9")).isPresent();
        assertThat(throttle.waitBefore("someone.new", "10.0.0.10")).isEmpty();
    }
}
