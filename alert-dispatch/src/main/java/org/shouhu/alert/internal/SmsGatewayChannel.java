package org.shouhu.alert.internal;

import io.vertx.core.Future;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.DeliveryChannel;
import org.shouhu.alert.DeliveryOutcome;
import org.shouhu.alert.OutboundMessage;

/**
 * Sends SMS through the configured HTTP gateway: POSTs {@code {"to": ..., "text": ...}}, signed like every
 * delivery. Without a configured gateway every SMS fails permanently, so the guardian's next channel is used.
 * Thread-safe.
 */
public final class SmsGatewayChannel implements DeliveryChannel {

    private final HttpPostChannel http;
    private final Optional<URI> gateway;

    public SmsGatewayChannel(HttpPostChannel http, Optional<URI> gateway) {
        this.http = Objects.requireNonNull(http, "http");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    @Override
    public Future<DeliveryOutcome> deliver(OutboundMessage message) {
        if (gateway.isEmpty()) {
            return Future.succeededFuture(new DeliveryOutcome.Permanent("no SMS gateway configured"));
        }
        return http.post(gateway.get(), message, message.body());
    }
}
