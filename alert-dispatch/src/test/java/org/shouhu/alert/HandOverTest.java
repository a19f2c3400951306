package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.alert.internal.ClaimedMessage;
import org.shouhu.protocol.DeviceId;

/**
 * A new alert's rows are committed leased to this instance's dispatcher and handed straight to it: delivered once
 * per recipient even while another instance claims, and still delivered when the instance dies between the commit
 * and the first POST.
 */
@ExtendWith(VertxExtension.class)
class HandOverTest {

    private static HikariDataSource dataSource;
    private RecordingReceiver police;
    private RecordingReceiver grandma;
    private RecordingReceiver grandpa;
    private RecordingReceiver fallback;

    @BeforeAll
    static void database() {
        dataSource = DispatchFixture.migratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void receivers(Vertx vertx) throws Exception {
        DispatchFixture.truncate(dataSource);
        police = RecordingReceiver.start(vertx, 200);
        grandma = RecordingReceiver.start(vertx, 200);
        grandpa = RecordingReceiver.start(vertx, 200);
        fallback = RecordingReceiver.start(vertx, 200);
    }

    /** A long lease and request timeout: no attempt times out or loses its lease on a slow machine. */
    private AlertDispatchConfig config(String instanceId) {
        return DispatchFixture.config(fallback.uri("/cap"), Map.of("alerts.delivery.instance-id", instanceId,
                "alerts.delivery.lease", "30s", "alerts.delivery.request-timeout", "10s"));
    }

    private InMemoryRecipientDirectory directory(List<DeviceId> devices) {
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory();
        devices.forEach(device -> directory.register(device, DispatchFixture.child(grandma, grandpa)));
        return directory;
    }

    private static SosAlertRequest press(DeviceId device) {
        return new SosAlertRequest(device, 1, Instant.now(),
                Optional.of(ReportedPosition.fresh(26.0, 108.5, 20, Instant.now())), false, 70);
    }

    @Test
    void handed_over_sos_is_delivered_once_per_recipient_while_another_instance_claims(Vertx vertx)
            throws Exception {
        List<DeviceId> devices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            devices.add(DispatchFixture.randomDevice());
        }
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        // Another instance polls the same outbox every 100 ms the whole time.
        DispatchFixture.deployDispatcher(vertx, dataSource, config("node-b"), other);
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        AlertDispatcher dispatcher = DispatchFixture.deployDispatcher(vertx, dataSource, config("node-a"), own);
        AlertService service = new AlertService(vertx, dataSource, directory(devices),
                DispatchFixture.jurisdictions(police, police), config("node-a"), Clock.systemUTC(), dispatcher,
                () -> { });

        List<AlertId> ids = new ArrayList<>();
        for (DeviceId device : devices) {
            ids.add(TestAwait.await(service.raiseSos(press(device))));
        }

        List<RecordingReceiver.Request> atPolice = police.await(20, Duration.ofSeconds(10));
        List<RecordingReceiver.Request> atGrandma = grandma.await(20, Duration.ofSeconds(10));
        List<RecordingReceiver.Request> atGrandpa = grandpa.await(20, Duration.ofSeconds(10));
        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        assertThat(police.drain(Duration.ofMillis(300))).isEmpty();
        assertThat(grandma.drain(Duration.ZERO)).isEmpty();
        assertThat(grandpa.drain(Duration.ZERO)).isEmpty();
        for (List<RecordingReceiver.Request> requests : List.of(atPolice, atGrandma, atGrandpa)) {
            assertThat(requests).extracting(r -> r.header("X-Shouhu-Alert-Id"))
                    .containsExactlyInAnyOrderElementsOf(ids.stream().map(AlertId::toString).toList());
        }
        assertThat(other.find("shouhu.alert.delivery.attempts").counters()).as("the other instance attempted none")
                .isEmpty();
        assertThat(own.find("shouhu.alert.delivery.attempts").tag("outcome", "delivered").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo(60);
        assertThat(own.find("shouhu.alert.delivery.attempts").tag("outcome", "retriable").counters())
                .as("no attempt failed, so none was repeated").isEmpty();
        assertThat(count("SELECT count(*) FROM alert_outbox WHERE status = 'DELIVERED' AND attempts = 1"))
                .isEqualTo(60);
        assertThat(count("SELECT count(*) FROM alert_outbox WHERE status = 'CANCELLED' AND attempts = 0"))
                .as("the fallback police channel, in standby behind each police row").isEqualTo(20);
        assertThat(count("SELECT count(*) FROM alert_outbox")).isEqualTo(80);
    }

    @Test
    void rows_handed_over_to_a_run_killed_before_posting_are_delivered_by_the_next_run(Vertx vertx)
            throws Exception {
        DeviceId device = DispatchFixture.randomDevice();
        AlertDispatchConfig config = config("node-a");
        // The raise commits its rows leased to a run of node-a that dies before its first POST.
        AlertService.HandOver killedRun = new AlertService.HandOver() {
            @Override
            public Optional<String> owner() {
                return Optional.of("node-a/killed-run");
            }

            @Override
            public void deliver(List<ClaimedMessage> leased) {
                assertThat(leased).hasSize(3);
            }

            @Override
            public void wake() {
            }
        };
        AlertService service = new AlertService(vertx, dataSource, directory(List.of(device)),
                DispatchFixture.jurisdictions(police, police), config, Clock.systemUTC(), killedRun, () -> { });
        AlertId id = TestAwait.await(service.raiseSos(press(device)));
        assertThat(count("SELECT count(*) FROM alert_outbox WHERE lease_owner = 'node-a/killed-run' "
                + "AND status = 'PENDING' AND attempts = 1")).isEqualTo(3);

        // Another instance leaves them alone: the lease might belong to a living run.
        DispatchFixture.deployDispatcher(vertx, dataSource, config("node-b"), null);
        assertThat(police.drain(Duration.ofMillis(400))).isEmpty();

        // The restarted node-a takes its killed run's rows back at once, well inside the 30 s lease.
        DispatchFixture.deployDispatcher(vertx, dataSource, config, null);
        assertThat(police.await(1, Duration.ofSeconds(10)).get(0).body()).contains("shouhu." + id);
        grandma.await(1, Duration.ofSeconds(10));
        grandpa.await(1, Duration.ofSeconds(10));
        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        assertThat(count("SELECT count(*) FROM alert_outbox WHERE status = 'DELIVERED'")).isEqualTo(3);
    }

    @Test
    void alert_raised_before_its_dispatcher_started_is_left_to_a_claim(Vertx vertx) throws Exception {
        DeviceId device = DispatchFixture.randomDevice();
        AlertDispatchConfig config = config("node-a");
        AlertDispatcher notYetStarted = new AlertDispatcher(dataSource, config, Clock.systemUTC(),
                (d, s) -> io.vertx.core.Future.succeededFuture(), null);
        AlertService service = new AlertService(vertx, dataSource, directory(List.of(device)),
                DispatchFixture.jurisdictions(police, police), config, Clock.systemUTC(), notYetStarted, () -> { });
        TestAwait.await(service.raiseSos(press(device)));
        assertThat(count("SELECT count(*) FROM alert_outbox WHERE lease_owner IS NULL AND status = 'PENDING'"))
                .isEqualTo(3);

        TestAwait.await(vertx.deployVerticle(notYetStarted));
        police.await(1, Duration.ofSeconds(5));
        grandma.await(1, Duration.ofSeconds(5));
        grandpa.await(1, Duration.ofSeconds(5));
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
