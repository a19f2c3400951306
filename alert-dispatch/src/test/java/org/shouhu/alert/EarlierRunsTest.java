package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.alert.internal.ClaimedMessage;
import org.shouhu.alert.internal.DeliveryLedger;
import org.shouhu.alert.internal.Transactions;
import org.shouhu.protocol.DeviceId;

/**
 * A server killed between commit and delivery: what its earlier run had leased is taken back at once when an
 * instance of the same id starts, while rows leased by another, possibly living, instance wait out their lease.
 */
@ExtendWith(VertxExtension.class)
class EarlierRunsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private static HikariDataSource dataSource;
    private RecordingReceiver police;
    private RecordingReceiver grandma;
    private RecordingReceiver grandpa;
    private RecordingReceiver fallback;
    private DeviceId device;

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
        device = DispatchFixture.randomDevice();
    }

    private AlertDispatchConfig config(String instanceId) {
        return DispatchFixture.config(fallback.uri("/cap"), Map.of("alerts.delivery.instance-id", instanceId,
                "alerts.delivery.lease", LEASE.toSeconds() + "s"));
    }

    /** Commits an SOS with no dispatcher running: three PENDING rows (police, two guardians). */
    private AlertId commitSos(Vertx vertx, AlertDispatchConfig config) {
        AlertService service = DispatchFixture.serviceWithoutDispatcher(vertx, dataSource,
                new InMemoryRecipientDirectory().register(device, DispatchFixture.child(grandma, grandpa)),
                DispatchFixture.jurisdictions(police, police), config);
        return TestAwait.await(service.raiseSos(new SosAlertRequest(device, 1, Instant.now(),
                Optional.of(ReportedPosition.fresh(26.0, 108.5, 20, Instant.now())), false, 70)));
    }

    private static DeliveryLedger run(String owner) {
        return new DeliveryLedger(new Transactions(dataSource), Clock.systemUTC(), owner, LEASE, 3);
    }

    @Test
    void rows_of_an_earlier_run_of_the_same_instance_are_taken_back_and_others_are_not(Vertx vertx)
            throws Exception {
        commitSos(vertx, config("node-a"));
        List<ClaimedMessage> heldByDeadRun = run("node-a/run-1").claim(2);
        List<ClaimedMessage> heldByOtherInstance = run("node-b/run-1").claim(10);
        assertThat(heldByDeadRun).hasSize(2);
        assertThat(heldByOtherInstance).hasSize(1);

        DeliveryLedger restarted = run("node-a/run-2");
        assertThat(run("node").releaseEarlierRuns("node")).as("a prefix of another id is another instance")
                .isZero();
        assertThat(restarted.releaseEarlierRuns("node-a")).isEqualTo(2);
        assertThat(restarted.claim(10)).extracting(ClaimedMessage::id)
                .containsExactlyInAnyOrderElementsOf(heldByDeadRun.stream().map(ClaimedMessage::id).toList());
        assertThat(restarted.releaseEarlierRuns("node-a")).as("its own leases are not released").isZero();
    }

    @Test
    void restarted_dispatcher_delivers_what_its_killed_run_held_without_waiting_out_the_lease(Vertx vertx)
            throws Exception {
        AlertDispatchConfig config = config("node-a");
        AlertId id = commitSos(vertx, config);
        // The earlier run claimed every row and was killed before delivering any of them.
        assertThat(run("node-a/killed-run").claim(10)).hasSize(3);

        DispatchFixture.deployDispatcher(vertx, dataSource, config, null);
        // Well inside the 30 s lease.
        assertThat(police.await(1, Duration.ofSeconds(10)).get(0).body()).contains("shouhu." + id);
        grandma.await(1, Duration.ofSeconds(10));
        grandpa.await(1, Duration.ofSeconds(10));
    }

    @Test
    void dispatcher_of_another_instance_leaves_rows_leased_by_a_living_instance_alone(Vertx vertx)
            throws Exception {
        commitSos(vertx, config("node-a"));
        assertThat(run("node-b/alive").claim(10)).hasSize(3);

        DispatchFixture.deployDispatcher(vertx, dataSource, config("node-a"), null);
        assertThat(police.drain(Duration.ofMillis(500))).isEmpty();
        assertThat(grandma.requestCount() + grandpa.requestCount()).isZero();
    }
}
