package org.shouhu.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shouhu.alert.DeliveryOutcome;

class HttpOutcomesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void two_hundreds_are_delivered() {
        assertThat(HttpOutcomes.classify(200, null, NOW)).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(HttpOutcomes.classify(204, null, NOW)).isInstanceOf(DeliveryOutcome.Delivered.class);
    }

    @Test
    void server_errors_timeouts_and_throttling_are_retriable() {
        for (int status : new int[] {500, 502, 503, 504, 408, 429}) {
            assertThat(HttpOutcomes.classify(status, null, NOW)).isInstanceOf(DeliveryOutcome.Retriable.class);
        }
    }

    @Test
    void other_client_errors_and_redirects_are_permanent() {
        for (int status : new int[] {400, 401, 403, 404, 410, 422, 301}) {
            assertThat(HttpOutcomes.classify(status, null, NOW)).isInstanceOf(DeliveryOutcome.Permanent.class);
        }
    }

    @Test
    void retry_after_is_read_as_seconds_or_http_date() {
        DeliveryOutcome.Retriable seconds = (DeliveryOutcome.Retriable) HttpOutcomes.classify(429, "30", NOW);
        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(30));
        DeliveryOutcome.Retriable date = (DeliveryOutcome.Retriable) HttpOutcomes.classify(503,
                "Mon, 23 Nov 2026 10:02:00 GMT", NOW);
        assertThat(date.retryAfter()).contains(Duration.ofMinutes(2));
        assertThat(HttpOutcomes.retryAfter("soon", NOW)).isEqualTo(Optional.empty());
    }
}
