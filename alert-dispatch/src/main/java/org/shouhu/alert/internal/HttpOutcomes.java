package org.shouhu.alert.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.shouhu.alert.DeliveryOutcome;

/**
 * Classifies HTTP answers: 2xx delivered; 408, 425, 429 and 5xx retriable (429 and 503 with their Retry-After);
 * every other status permanent for this channel. Pure and thread-safe.
 */
public final class HttpOutcomes {

    private HttpOutcomes() {
    }

    public static DeliveryOutcome classify(int status, String retryAfterHeader, Instant now) {
        if (status >= 200 && status < 300) {
            return new DeliveryOutcome.Delivered("HTTP " + status);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new DeliveryOutcome.Retriable("HTTP " + status, retryAfter(retryAfterHeader, now));
        }
        return new DeliveryOutcome.Permanent("HTTP " + status);
    }

    /** Retry-After as delay-seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration delay = Duration.between(now, at);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
