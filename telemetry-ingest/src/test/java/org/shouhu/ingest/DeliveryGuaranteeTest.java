package org.shouhu.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.ingest.IngestFixture.await;
import static org.shouhu.ingest.IngestFixture.fixAt;
import static org.shouhu.ingest.IngestFixture.now;
import static org.shouhu.ingest.IngestFixture.position;
import static org.shouhu.ingest.IngestFixture.randomDevice;
import static org.shouhu.ingest.IngestFixture.sos;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;

/**
 * What must never be lost: messages are acknowledged only after commit, SOS only after the handler succeeded, and
 * what was not acknowledged comes back to the next session of the same client id.
 */
@ExtendWith(VertxExtension.class)
class DeliveryGuaranteeTest {

    private static IngestFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new IngestFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    private static Map<String, String> shortLinger(String clientId) {
        Map<String, String> properties = fixture.properties(clientId);
        properties.put(IngestConfig.BATCH_LINGER, "20ms");
        properties.put(IngestConfig.SHUTDOWN_TIMEOUT, "300ms");
        return properties;
    }

    private static List<SosReceived> callsFor(DeviceId device) {
        return fixture.sosCalls.stream().filter(s -> s.device().equals(device)).toList();
    }

    @Test
    void messages_are_not_acknowledged_before_commit_and_come_back_after_a_restart(Vertx vertx) throws Exception {
        String clientId = IngestFixture.newClientId();
        try {
            SwitchableDataSource database = new SwitchableDataSource(fixture.dataSource);
            String first = IngestFixture.deploy(vertx,
                    fixture.verticle(shortLinger(clientId), database, fixture.recordingHandler()));
            database.goDown();
            DeviceId device = randomDevice();
            Instant t = now().minusSeconds(10);
            for (int sequence = 1; sequence <= 3; sequence++) {
                fixture.publish(position(device, sequence, t.plusSeconds(sequence)));
            }
            await("the writer has failed to commit", () -> fixture.counter("shouhu.ingest.batch.failures") >= 2);
            IngestFixture.undeploy(vertx, first);
            assertThat(fixture.positionsOf(device)).isZero();

            String second = IngestFixture.deploy(vertx,
                    fixture.verticle(shortLinger(clientId), fixture.dataSource, fixture.recordingHandler()));
            await("the redelivered positions are stored", () -> fixture.positionsOf(device) == 3);
            IngestFixture.undeploy(vertx, second);
        } finally {
            IngestFixture.forgetSession(clientId);
        }
    }

    @Test
    void a_batch_whose_commit_outcome_was_lost_is_written_again_and_stored_once(Vertx vertx) throws Exception {
        String clientId = IngestFixture.newClientId();
        try {
            SwitchableDataSource database = new SwitchableDataSource(fixture.dataSource);
            database.loseNextPositionCommitOutcome();
            String deployment = IngestFixture.deploy(vertx,
                    fixture.verticle(shortLinger(clientId), database, fixture.recordingHandler()));
            DeviceId device = randomDevice();
            Instant t = now().minusSeconds(10);
            for (int sequence = 1; sequence <= 3; sequence++) {
                fixture.publish(position(device, sequence, t.plusSeconds(sequence)));
            }

            await("the first commit failed as far as the writer knows",
                    () -> fixture.counter("shouhu.ingest.batch.failures") >= 1);
            await("the retried batch found its rows already stored",
                    () -> fixture.counter("shouhu.ingest.positions.duplicates") >= 1);
            await("all three positions are stored", () -> fixture.positionsOf(device) == 3);
            IngestFixture.undeploy(vertx, deployment);
            assertThat(fixture.positionsOf(device)).as("each stored once").isEqualTo(3);
        } finally {
            IngestFixture.forgetSession(clientId);
        }
    }

    @Test
    void failing_sos_handler_is_retried_until_it_succeeds(Vertx vertx) throws Exception {
        String clientId = IngestFixture.newClientId();
        DeviceId device = randomDevice();
        AtomicInteger calls = new AtomicInteger();
        SosHandler failsThreeTimes = sos -> {
            if (calls.incrementAndGet() <= 3) {
                return Future.failedFuture("alert service unavailable (test)");
            }
            fixture.sosCalls.add(sos);
            return Future.succeededFuture();
        };
        try {
            String deployment = IngestFixture.deploy(vertx,
                    fixture.verticle(shortLinger(clientId), fixture.dataSource, failsThreeTimes));
            fixture.publish(sos(device, 1, now(), fixAt(now(), 26.5, 106.6)));
            await("the handler finally succeeded", () -> callsFor(device).size() == 1);
            assertThat(calls).hasValue(4);
            assertThat(fixture.counter("shouhu.ingest.sos.handler.failures")).isEqualTo(3);
            assertThat(fixture.counter("shouhu.ingest.sos.handled")).isEqualTo(1);
            IngestFixture.undeploy(vertx, deployment);
        } finally {
            IngestFixture.forgetSession(clientId);
        }
    }

    @Test
    void sos_whose_handler_never_succeeded_is_redelivered_to_the_next_session(Vertx vertx) throws Exception {
        String clientId = IngestFixture.newClientId();
        DeviceId device = randomDevice();
        AtomicInteger failures = new AtomicInteger();
        SosHandler alwaysFails = sos -> {
            failures.incrementAndGet();
            return Future.failedFuture("alert service unavailable (test)");
        };
        try {
            String first = IngestFixture.deploy(vertx,
                    fixture.verticle(shortLinger(clientId), fixture.dataSource, alwaysFails));
            fixture.publish(sos(device, 5, now(), Fix.none(now())));
            await("the handler failed twice", () -> failures.get() >= 2);
            IngestFixture.undeploy(vertx, first);

            String second = IngestFixture.deploy(vertx,
                    fixture.verticle(shortLinger(clientId), fixture.dataSource, fixture.recordingHandler()));
            await("the SOS came back and was handled", () -> callsFor(device).size() == 1);
            assertThat(callsFor(device).get(0).sequence()).isEqualTo(5);
            await("the SOS is stored once", () -> fixture.count("SELECT count(*) FROM sos_presses WHERE device_id = ?",
                    device.imei()) == 1);
            IngestFixture.undeploy(vertx, second);
        } finally {
            IngestFixture.forgetSession(clientId);
        }
    }

    @Test
    void sos_without_fix_carries_the_last_known_position_and_its_age(Vertx vertx) throws Exception {
        String clientId = IngestFixture.newClientId();
        DeviceId device = randomDevice();
        try {
            String deployment = IngestFixture.deploy(vertx,
                    fixture.verticle(shortLinger(clientId), fixture.dataSource, fixture.recordingHandler()));
            Instant seen = now().minusSeconds(90);
            fixture.publish(new org.shouhu.protocol.PositionReport(device, 1, fixAt(seen, 26.58, 106.72), 70));
            await("the position is stored", () -> fixture.positionsOf(device) == 1);

            fixture.publish(sos(device, 2, now(), Fix.none(now())));
            await("the SOS was handled", () -> callsFor(device).size() == 1);
            SosReceived sos = callsFor(device).get(0);
            assertThat(sos.usesLastKnownPosition()).isTrue();
            assertThat(sos.position()).hasValueSatisfying(p -> {
                assertThat(p.latitude()).isEqualTo(26.58);
                assertThat(p.longitude()).isEqualTo(106.72);
                assertThat(p.fixTime()).isEqualTo(seen);
                assertThat(p.age()).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(100));
            });
            await("the SOS is stored with the last known position", () -> fixture.count(
                    "SELECT count(*) FROM sos_presses WHERE device_id = ? AND position_last_known"
                            + " AND position_age_ms >= 90000", device.imei()) == 1);
            IngestFixture.undeploy(vertx, deployment);
        } finally {
            IngestFixture.forgetSession(clientId);
        }
    }

    @Test
    void sos_without_fix_or_history_is_raised_without_a_position(Vertx vertx) throws Exception {
        String clientId = IngestFixture.newClientId();
        DeviceId device = randomDevice();
        try {
            String deployment = IngestFixture.deploy(vertx,
                    fixture.verticle(shortLinger(clientId), fixture.dataSource, fixture.recordingHandler()));
            fixture.publish(sos(device, 3, now(), new Fix(now(), 0.0, 0.0, 0, org.shouhu.protocol.FixSource.GNSS,
                    0.0, 0.0)));
            await("the SOS was handled", () -> callsFor(device).size() == 1);
            assertThat(callsFor(device).get(0).position()).isEmpty();
            IngestFixture.undeploy(vertx, deployment);
        } finally {
            IngestFixture.forgetSession(clientId);
        }
    }
}
