package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.protocol.DeviceId;

/**
 * The police's CAP Alert of a new SOS is posted while the raise transaction is still writing the alert, not after
 * its commit; its outcome is recorded on the outbox row once the commit is done; and a raise whose commit fails
 * after that POST, raised again as ingest does, ends in a stored, delivered and recorded alert under the same CAP
 * identifier.
 */
@ExtendWith(VertxExtension.class)
class PoliceBeforeCommitTest {

    private static final long SEQUENCE = 7;

    private static HikariDataSource dataSource;
    private RecordingReceiver police;
    private RecordingReceiver grandma;
    private RecordingReceiver grandpa;
    private RecordingReceiver fallback;
    private DeviceId device;
    private AlertService service;

    @BeforeAll
    static void database() {
        dataSource = DispatchFixture.migratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        DispatchFixture.truncate(dataSource);
        police = RecordingReceiver.start(vertx, 200);
        grandma = RecordingReceiver.start(vertx, 200);
        grandpa = RecordingReceiver.start(vertx, 200);
        fallback = RecordingReceiver.start(vertx, 200);
        device = DispatchFixture.randomDevice();
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory();
        directory.register(device, DispatchFixture.child(grandma, grandpa));
        // A long lease and request timeout: no attempt times out or loses its lease on a slow machine.
        AlertDispatchConfig config = DispatchFixture.config(fallback.uri("/cap"), Map.of(
                "alerts.delivery.lease", "30s", "alerts.delivery.request-timeout", "10s"));
        service = DispatchFixture.start(vertx, dataSource, directory, DispatchFixture.jurisdictions(police, police),
                config, Clock.systemUTC(), (d, s) -> Future.succeededFuture()).service();
    }

    @AfterEach
    void dropCommitFailure() throws Exception {
        execute("DROP TRIGGER IF EXISTS refuse_first_commit ON alerts");
    }

    private SosAlertRequest press() {
        return new SosAlertRequest(device, SEQUENCE, Instant.now(),
                Optional.of(ReportedPosition.fresh(26.0, 108.5, 20, Instant.now())), false, 70);
    }

    @Test
    void police_post_arrives_while_the_alert_cannot_be_committed_yet_and_is_recorded_after_the_commit()
            throws Exception {
        AlertId expected = AlertId.forSos(device, SEQUENCE);
        Future<AlertId> raised;
        try (Connection blocker = holdTriggerInserts()) {
            raised = service.raiseSos(press());
            // The raise cannot write its trigger row, let alone commit, while the lock is held.
            RecordingReceiver.Request atPolice = police.await(1, Duration.ofSeconds(10)).get(0);
            assertThat(atPolice.body()).contains("<identifier>shouhu." + expected + "</identifier>")
                    .contains("<msgType>Alert</msgType>");
            assertThat(atPolice.header("Idempotency-Key")).isEqualTo(expected + "/police:rongjiang/alert/1");
            assertThat(raised.isComplete()).isFalse();
            assertThat(grandma.drain(Duration.ofMillis(200))).as("guardians are told after the commit").isEmpty();
            blocker.rollback();
        }

        assertThat(TestAwait.await(raised)).isEqualTo(expected);
        grandma.await(1, Duration.ofSeconds(10));
        grandpa.await(1, Duration.ofSeconds(10));
        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        assertThat(police.drain(Duration.ofMillis(300))).as("posted once").isEmpty();
        assertThat(policeRow()).isEqualTo("DELIVERED/1");
        assertThat(TestAwait.await(service.alert(expected)).state()).isEqualTo(AlertState.DELIVERED);
        DispatchFixture.awaitTrail(service, expected, AuditEvent.Type.DELIVERED, "police:rongjiang");
    }

    @Test
    void raise_whose_commit_fails_after_the_police_post_ends_delivered_and_recorded_when_raised_again()
            throws Exception {
        refuseTheFirstCommitOfAnAlert();
        AlertId expected = AlertId.forSos(device, SEQUENCE);
        Future<AlertId> failed;
        try (Connection blocker = holdTriggerInserts()) {
            failed = service.raiseSos(press());
            police.await(1, Duration.ofSeconds(10));
            blocker.rollback();
        }
        assertThatThrownBy(() -> TestAwait.await(failed)).isInstanceOf(AlertStoreException.class)
                .hasMessageContaining("commit refused by the test");
        assertThat(count("SELECT count(*) FROM alerts")).as("nothing committed").isZero();
        assertThat(count("SELECT count(*) FROM alert_outbox")).isZero();
        assertThat(grandma.drain(Duration.ofMillis(200))).isEmpty();

        // Ingest retries the handler until it succeeds (and the broker redelivers the press after a crash).
        assertThat(TestAwait.await(service.raiseSos(press()))).isEqualTo(expected);
        RecordingReceiver.Request again = police.await(1, Duration.ofSeconds(10)).get(0);
        assertThat(again.body()).as("the same CAP identifier, seen twice by the police")
                .contains("<identifier>shouhu." + expected + "</identifier>");
        assertThat(again.header("Idempotency-Key")).isEqualTo(expected + "/police:rongjiang/alert/1");
        grandma.await(1, Duration.ofSeconds(10));
        grandpa.await(1, Duration.ofSeconds(10));
        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        assertThat(policeRow()).isEqualTo("DELIVERED/1");
        assertThat(count("SELECT count(*) FROM alerts")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM alert_outbox WHERE status = 'DELIVERED'")).isEqualTo(3);
        assertThat(TestAwait.await(service.alert(expected)).state()).isEqualTo(AlertState.DELIVERED);
        assertThat(police.drain(Duration.ofMillis(300))).isEmpty();
        assertThat(grandma.drain(Duration.ZERO)).isEmpty();
    }

    @Test
    void press_absorbed_by_an_open_sos_starts_no_new_alert_at_the_police() throws Exception {
        AlertId first = TestAwait.await(service.raiseSos(press()));
        police.await(1, Duration.ofSeconds(10));
        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        SosAlertRequest next = new SosAlertRequest(device, SEQUENCE + 1, Instant.now(), Optional.empty(), false, 60);
        assertThat(TestAwait.await(service.raiseSos(next))).isEqualTo(first);
        assertThat(police.drain(Duration.ofMillis(400))).as("no position change, so no Update either").isEmpty();
        assertThat(count("SELECT count(*) FROM alerts")).isEqualTo(1);
    }

    @Test
    void sos_alert_id_is_the_same_for_the_same_press_and_differs_between_presses() {
        DeviceId other = new DeviceId(device.imei() + 1);
        assertThat(AlertId.forSos(device, 1)).isEqualTo(AlertId.forSos(device, 1));
        assertThat(List.of(AlertId.forSos(device, 2), AlertId.forSos(other, 1))).doesNotContain(
                AlertId.forSos(device, 1));
    }

    /**
     * Lets the raise read {@code alert_triggers} (it looks the press up there first) but not insert into it, so that
     * it cannot finish its statements, let alone commit, until the returned transaction ends.
     */
    private static Connection holdTriggerInserts() throws Exception {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE alert_triggers IN EXCLUSIVE MODE");
        }
        return connection;
    }

    /**
     * A deferred constraint trigger runs at commit, so the first transaction that inserts an alert fails in its
     * COMMIT, after every statement succeeded: a real commit failure. The sequence is not transactional, so the next
     * commit passes.
     */
    private static void refuseTheFirstCommitOfAnAlert() throws Exception {
        execute("DROP SEQUENCE IF EXISTS refused_commits");
        execute("CREATE SEQUENCE refused_commits");
        execute("CREATE OR REPLACE FUNCTION refuse_first_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF nextval('refused_commits') = 1 THEN RAISE EXCEPTION 'commit refused by the test'; END IF; "
                + "RETURN NULL; END $$");
        execute("CREATE CONSTRAINT TRIGGER refuse_first_commit AFTER INSERT ON alerts DEFERRABLE INITIALLY DEFERRED "
                + "FOR EACH ROW EXECUTE FUNCTION refuse_first_commit()");
    }

    /** Status and attempts of the police's CAP Alert row. */
    private static String policeRow() throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT status, attempts FROM alert_outbox WHERE channel_kind = 'CAP' AND channel_rank = 0");
             ResultSet rows = query.executeQuery()) {
            assertThat(rows.next()).isTrue();
            String row = rows.getString(1) + "/" + rows.getInt(2);
            assertThat(rows.next()).isFalse();
            return row;
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
