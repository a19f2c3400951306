package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.junit5.VertxExtension;
import org.shouhu.protocol.DeviceId;

/** A receiver that checks signatures accepts real deliveries and rejects forgeries and replays. */
@ExtendWith(VertxExtension.class)
class SignedDeliveryTest {

    private static HikariDataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = DispatchFixture.migratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @Test
    void receiver_checking_the_hmac_accepts_delivery_and_rejects_replay_and_forgery(Vertx vertx) throws Exception {
        WebhookVerifier verifier = new WebhookVerifier(DispatchFixture.SECRET, Duration.ofMinutes(5),
                Clock.systemUTC());
        RecordingReceiver grandma = RecordingReceiver.start(vertx, request -> verifier.verify(
                request.header(WebhookSignature.TIMESTAMP_HEADER), request.header(WebhookSignature.SIGNATURE_HEADER),
                request.body()) == WebhookVerifier.Verdict.VALID ? null : 401, 200);
        RecordingReceiver grandpa = RecordingReceiver.start(vertx, 200);
        RecordingReceiver police = RecordingReceiver.start(vertx, 200);
        DeviceId device = DispatchFixture.randomDevice();
        DispatchFixture.Running running = DispatchFixture.start(vertx, dataSource,
                new InMemoryRecipientDirectory().register(device, DispatchFixture.child(grandma, grandpa)),
                DispatchFixture.jurisdictions(police, police), DispatchFixture.config(police.uri("/fallback"),
                        Map.of()), Clock.systemUTC(), (d, s) -> Future.succeededFuture());
        AlertId id = TestAwait.await(running.service().raiseSos(new SosAlertRequest(device, 3, Instant.now(),
                Optional.of(ReportedPosition.fresh(26.0, 108.5, 10, Instant.now())), false, 90)));

        RecordingReceiver.Request delivered = grandma.await(1, Duration.ofSeconds(5)).get(0);
        assertThat(delivered.header(WebhookSignature.SIGNATURE_HEADER)).startsWith("v1=");
        DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERED, "guardian:grandma");

        WebClient attacker = WebClient.create(vertx);
        int replayed = TestAwait.await(attacker.postAbs(grandma.url("/grandma"))
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, delivered.header(WebhookSignature.TIMESTAMP_HEADER))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, delivered.header(WebhookSignature.SIGNATURE_HEADER))
                .sendBuffer(Buffer.buffer(delivered.body()))).statusCode();
        assertThat(replayed).isEqualTo(401);
        int forged = TestAwait.await(attacker.postAbs(grandma.url("/grandma"))
                .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(Instant.now().getEpochSecond()))
                .putHeader(WebhookSignature.SIGNATURE_HEADER, delivered.header(WebhookSignature.SIGNATURE_HEADER))
                .sendBuffer(Buffer.buffer(delivered.body().replace("王小明", "someone else")))).statusCode();
        assertThat(forged).isEqualTo(401);
    }
}
