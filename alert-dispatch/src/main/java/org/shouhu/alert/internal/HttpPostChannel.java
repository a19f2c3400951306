package org.shouhu.alert.internal;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.DeliveryChannel;
import org.shouhu.alert.DeliveryOutcome;
import org.shouhu.alert.OutboundMessage;
import org.shouhu.alert.WebhookSignature;

/**
 * POSTs the message body to the message's address (guardian webhook or police CAP endpoint), signed with
 * HMAC-SHA256 and carrying its Idempotency-Key. Timeouts and connection failures are retriable. Thread-safe.
 */
public final class HttpPostChannel implements DeliveryChannel {

    public static final String ALERT_ID_HEADER = "X-Shouhu-Alert-Id";

    private final ChannelKind kind;
    private final WebClient client;
    private final String secret;
    private final Duration timeout;
    private final Clock clock;

    public HttpPostChannel(ChannelKind kind, WebClient client, String secret, Duration timeout, Clock clock) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.client = Objects.requireNonNull(client, "client");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public Future<DeliveryOutcome> deliver(OutboundMessage message) {
        return post(URI.create(message.address()), message, message.body());
    }

    /** Posts {@code body} (which may differ from the message body, e.g. for a gateway) to {@code target}. */
    Future<DeliveryOutcome> post(URI target, OutboundMessage message, String body) {
        long timestamp = clock.instant().getEpochSecond();
        // Encoded once, for the signature and for the wire: bodies are kilobytes of mostly Chinese text.
        byte[] utf8Body = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest<Buffer> request;
        try {
            request = client.postAbs(target.toString());
        } catch (RuntimeException e) {
            return Future.succeededFuture(new DeliveryOutcome.Permanent("bad address " + target + ": " + e));
        }
        return request.timeout(timeout.toMillis())
                .putHeader("Content-Type", message.contentType())
                .putHeader(WebhookSignature.IDEMPOTENCY_HEADER, message.idempotencyKey())
                .putHeader(ALERT_ID_HEADER, message.alertId().toString())
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, utf8Body))
                .sendBuffer(Buffer.buffer(utf8Body))
                .map(response -> HttpOutcomes.classify(response.statusCode(), response.getHeader("Retry-After"),
                        clock.instant()))
                .recover(failure -> Future.succeededFuture(new DeliveryOutcome.Retriable(
                        failure.getClass().getSimpleName() + ": " + failure.getMessage())));
    }
}
