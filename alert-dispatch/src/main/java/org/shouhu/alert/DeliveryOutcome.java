package org.shouhu.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How one delivery attempt ended. */
public sealed interface DeliveryOutcome {

    /** The receiver accepted the message (HTTP 2xx, gateway accepted, downlink published). */
    record Delivered(String detail) implements DeliveryOutcome {
        public Delivered {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Worth trying again: a timeout, a refused connection, 5xx, 408, 429.
     *
     * @param retryAfter the receiver's own Retry-After, if it sent one
     */
    record Retriable(String reason, Optional<Duration> retryAfter) implements DeliveryOutcome {
        public Retriable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public Retriable(String reason) {
            this(reason, Optional.empty());
        }
    }

    /** Will never work on this channel: another 4xx, a channel not configured. The next channel is tried. */
    record Permanent(String reason) implements DeliveryOutcome {
        public Permanent {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
