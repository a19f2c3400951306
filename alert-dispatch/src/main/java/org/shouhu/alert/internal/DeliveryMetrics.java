package org.shouhu.alert.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.DeliveryOutcome;

/**
 * Delivery metrics per channel: attempts by outcome ({@code shouhu.alert.delivery.attempts}), time per attempt
 * ({@code shouhu.alert.delivery.attempt.duration}) and, for the first message of an alert, the time from the
 * device's fix to the receiver accepting it ({@code shouhu.alert.delivery.fix-to-delivery}). Thread-safe.
 */
public final class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public void attempt(ChannelKind channel, DeliveryOutcome outcome, Duration took) {
        String result = outcome instanceof DeliveryOutcome.Delivered ? "delivered"
                : outcome instanceof DeliveryOutcome.Retriable ? "retriable" : "permanent";
        Counter.builder("shouhu.alert.delivery.attempts").description("Delivery attempts by channel and outcome")
                .tag("channel", tag(channel)).tag("outcome", result).register(registry).increment();
        Timer.builder("shouhu.alert.delivery.attempt.duration").description("Time one delivery attempt took")
                .tag("channel", tag(channel)).register(registry).record(took);
    }

    public void firstDelivery(ChannelKind channel, Instant fixTime, Instant deliveredAt) {
        Duration latency = Duration.between(fixTime, deliveredAt);
        if (!latency.isNegative()) {
            Timer.builder("shouhu.alert.delivery.fix-to-delivery")
                    .description("Time from the device fix to the receiver accepting the alert")
                    .tag("channel", tag(channel)).publishPercentiles(0.5, 0.99).register(registry).record(latency);
        }
    }

    private static String tag(ChannelKind channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
