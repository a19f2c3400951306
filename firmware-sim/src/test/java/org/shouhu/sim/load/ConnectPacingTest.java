package org.shouhu.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pacing of new connections and the waits between reconnection attempts. */
class ConnectPacingTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void the_limiter_allows_the_rate_over_time_and_no_burst_after_a_long_pause() {
        ConnectRateLimiter limiter = new ConnectRateLimiter(1_000, 0);
        int firstSecond = 0;
        for (long t = 0; t <= SECOND; t += 10_000_000L) {
            while (limiter.tryAcquire(t)) {
                firstSecond++;
            }
        }
        assertThat(firstSecond).isBetween(995, 1_005);

        int afterPause = 0;
        while (limiter.tryAcquire(60 * SECOND)) {
            afterPause++;
        }
        assertThat(afterPause).as("a minute without connecting allows a tenth of a second's worth, not 60,000")
                .isEqualTo(100);
    }

    @Test
    void backoff_doubles_from_one_second_to_two_minutes_drawn_from_the_upper_half() {
        SplittableRandom random = new SplittableRandom(1);
        for (int failed = 0; failed < 12; failed++) {
            long nominal = Math.min(120_000, 1_000L << failed);
            for (int i = 0; i < 200; i++) {
                assertThat(ReconnectBackoff.DEFAULT.delay(failed, random).toMillis())
                        .isBetween(nominal / 2, nominal);
            }
        }
        assertThat(ReconnectBackoff.DEFAULT.delay(1_000, random)).isLessThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void bands_that_dropped_together_spread_their_first_attempts_over_half_a_second() {
        SplittableRandom random = new SplittableRandom(7);
        long[] counts = new long[5];
        for (int band = 0; band < 10_000; band++) {
            long delay = ReconnectBackoff.DEFAULT.delay(0, random).toMillis();
            counts[(int) Math.min(4, (delay - 500) / 100)]++;
        }
        for (long count : counts) {
            assertThat(count).as("attempts in each tenth of a second from 0.5 s to 1 s").isBetween(1_800L, 2_200L);
        }
    }
}
