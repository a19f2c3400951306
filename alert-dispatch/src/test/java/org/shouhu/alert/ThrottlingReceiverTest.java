package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.protocol.DeviceId;

/**
 * A police endpoint that throttles with 429 and a Retry-After: the dispatcher waits as long as it was asked (by the
 * injected clock, so the test does not wait 30 seconds) and then delivers.
 */
@ExtendWith(VertxExtension.class)
class ThrottlingReceiverTest {

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
    void receiver_answering_429_with_retry_after_is_not_retried_before_that_time(Vertx vertx) throws Exception {
        LinkedBlockingQueue<String> requests = new LinkedBlockingQueue<>();
        AtomicInteger count = new AtomicInteger();
        HttpServer police = TestAwait.await(vertx.createHttpServer().requestHandler(request -> request.body()
                .onSuccess(body -> {
                    requests.add(request.getHeader("Idempotency-Key"));
                    if (count.getAndIncrement() == 0) {
                        request.response().setStatusCode(429).putHeader("Retry-After", "30").end();
                    } else {
                        request.response().setStatusCode(200).end();
                    }
                })).listen(0, "127.0.0.1"));
        RecordingReceiver grandma = RecordingReceiver.start(vertx, 200);
        RecordingReceiver grandpa = RecordingReceiver.start(vertx, 200);
        RecordingReceiver fallback = RecordingReceiver.start(vertx, 200);
        DeviceId device = DispatchFixture.randomDevice();
        MutableClock clock = new MutableClock();
        URI policeUri = URI.create("http://127.0.0.1:" + police.actualPort() + "/cap");
        DispatchFixture.Running running = DispatchFixture.start(vertx, dataSource,
                new InMemoryRecipientDirectory().register(device, DispatchFixture.child(grandma, grandpa)),
                new InMemoryJurisdictionLocator().add(new PoliceJurisdiction("rongjiang", "榕江县公安局", policeUri),
                        25.8, 108.3, 26.2, 108.7),
                // A cap above the receiver's 30 s, and the fallback only after many attempts: this test is about
                // the wait, not the fall to the next channel.
                // A lease that a slow machine cannot outrun, so the only second attempt is the retry.
                DispatchFixture.config(fallback.uri("/cap"), Map.of("alerts.delivery.retry-cap", "2m",
                        "alerts.delivery.next-channel-after-attempts", "10", "alerts.delivery.lease", "20s")),
                clock, (d, s) -> Future.succeededFuture());

        AlertId id = TestAwait.await(running.service().raiseSos(new SosAlertRequest(device, 1, clock.instant(),
                Optional.of(ReportedPosition.fresh(26.0, 108.5, 20, clock.instant())), false, 50)));
        String key = requests.poll(5, TimeUnit.SECONDS);
        assertThat(key).isNotNull();
        DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERY_FAILED, "police:rongjiang");
        for (String guardian : List.of("guardian:grandma", "guardian:grandpa")) {
            DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERED, guardian);
        }
        // Polls run every 100 ms and the retry base is 50 ms: without the Retry-After it would have come by now.
        assertThat(requests.poll(600, TimeUnit.MILLISECONDS)).as("no retry before the Retry-After").isNull();

        clock.advance(Duration.ofSeconds(31));
        assertThat(requests.poll(5, TimeUnit.SECONDS)).as("the retry, same idempotency key").isEqualTo(key);
        DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERED, "police:rongjiang");
        assertThat(TestAwait.await(running.service().auditTrail(id))).anyMatch(e ->
                e.type() == AuditEvent.Type.DELIVERY_FAILED && e.detail().contains("HTTP 429"));
        assertThat(fallback.requestCount()).isZero();
    }
}
