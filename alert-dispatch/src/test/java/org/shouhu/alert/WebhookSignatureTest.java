package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "0123456789abcdef-secret";

    @Test
    void signature_is_hmac_sha256_of_timestamp_dot_body_in_hex() {
        // Reference value from: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac "$SECRET"
        assertThat(WebhookSignature.sign(SECRET, 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("v1=6948a2dc6985c92d09b9edade5c97dce2ba201452d91a72e4a20d35abe4d3420");
        assertThat(WebhookSignature.matches(SECRET, 1_700_000_000L, "{\"a\":1}",
                WebhookSignature.sign(SECRET, 1_700_000_000L, "{\"a\":1}"))).isTrue();
        assertThat(WebhookSignature.matches(SECRET, 1_700_000_001L, "{\"a\":1}",
                WebhookSignature.sign(SECRET, 1_700_000_000L, "{\"a\":1}"))).isFalse();
        assertThat(WebhookSignature.matches("another-secret-123", 1_700_000_000L, "{\"a\":1}",
                WebhookSignature.sign(SECRET, 1_700_000_000L, "{\"a\":1}"))).isFalse();
        assertThat(WebhookSignature.matches(SECRET, 1_700_000_000L, "{\"a\":1}", "v1=zz")).isFalse();
    }

    @Test
    void verifier_rejects_stale_replayed_and_malformed_requests() {
        MutableClock clock = new MutableClock();
        WebhookVerifier verifier = new WebhookVerifier(SECRET, Duration.ofMinutes(5), clock);
        long now = clock.instant().getEpochSecond();
        String signature = WebhookSignature.sign(SECRET, now, "body");
        assertThat(verifier.verify(Long.toString(now), signature, "body")).isEqualTo(WebhookVerifier.Verdict.VALID);
        assertThat(verifier.verify(Long.toString(now), signature, "body"))
                .isEqualTo(WebhookVerifier.Verdict.REPLAYED);
        assertThat(verifier.verify(Long.toString(now), signature, "body!"))
                .isEqualTo(WebhookVerifier.Verdict.BAD_SIGNATURE);
        assertThat(verifier.verify("yesterday", signature, "body")).isEqualTo(WebhookVerifier.Verdict.MALFORMED);
        clock.advance(Duration.ofMinutes(6));
        assertThat(verifier.verify(Long.toString(now), signature, "body")).isEqualTo(WebhookVerifier.Verdict.STALE);
        assertThat(Instant.ofEpochSecond(now)).isBefore(clock.instant());
    }
}
