package org.shouhu.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void delay_doubles_per_attempt_within_its_jitter_band() {
        assertThat(backoff.delay(1, 0.0, Optional.empty())).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1, 0.999_999, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delay(2, 0.0, Optional.empty())).isEqualTo(Duration.ofMillis(1000));
        assertThat(backoff.delay(4, 0.5, Optional.empty())).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void delay_never_exceeds_the_cap_even_after_many_attempts() {
        for (int attempt = 1; attempt < 200; attempt++) {
            assertThat(backoff.delay(attempt, 0.999, Optional.empty())).isLessThanOrEqualTo(Duration.ofSeconds(60));
        }
        assertThat(backoff.delay(100, 0.0, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retry_after_is_honoured_but_capped() {
        assertThat(backoff.delay(1, 0.0, Optional.of(Duration.ofSeconds(20)))).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delay(1, 0.0, Optional.of(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(3, 0.0, Optional.of(Duration.ZERO))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejects_attempt_numbers_and_randoms_out_of_range() {
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(0, 0.5, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> backoff.delay(1, 1.0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
