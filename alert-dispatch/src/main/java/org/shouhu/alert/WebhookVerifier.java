package org.shouhu.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a receiver does with a signed delivery: checks the signature, rejects timestamps outside the tolerance
 * (an old request replayed later) and rejects a signature it has already accepted within the tolerance (a request
 * replayed at once). Retries by the dispatcher are signed afresh, so they pass; receivers drop them as repeats by
 * their Idempotency-Key. Reference implementation for integrators and used in tests. Thread-safe.
 */
public final class WebhookVerifier {

    /** The verdict on one request. */
    public enum Verdict {
        VALID,
        MALFORMED,
        BAD_SIGNATURE,
        STALE,
        REPLAYED
    }

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;
    private final Map<String, Long> seenSignatures = new ConcurrentHashMap<>();

    public WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Verdict verify(String timestampHeader, String signatureHeader, String body) {
        long timestamp;
        try {
            timestamp = Long.parseLong(Objects.requireNonNullElse(timestampHeader, ""));
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > tolerance.toSeconds()) {
            return Verdict.STALE;
        }
        if (!WebhookSignature.matches(secret, timestamp, body, signatureHeader)) {
            return Verdict.BAD_SIGNATURE;
        }
        seenSignatures.values().removeIf(seenAt -> now - seenAt > tolerance.toSeconds());
        return seenSignatures.putIfAbsent(signatureHeader, timestamp) == null ? Verdict.VALID : Verdict.REPLAYED;
    }
}
