package org.shouhu.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.ingest.IngestFixture.await;
import static org.shouhu.ingest.IngestFixture.fixAt;
import static org.shouhu.ingest.IngestFixture.now;
import static org.shouhu.ingest.IngestFixture.position;
import static org.shouhu.ingest.IngestFixture.randomDevice;
import static org.shouhu.ingest.IngestFixture.sos;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.UplinkCodec;

/** The SOS path, with a 30 s linger so that any wait on an ordinary batch would show. */
@ExtendWith(VertxExtension.class)
class SosFastPathTest {

    private static IngestFixture fixture;
    private String clientId;
    private String deployment;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new IngestFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void deploy(Vertx vertx) throws Exception {
        clientId = IngestFixture.newClientId();
        Map<String, String> properties = fixture.properties(clientId);
        properties.put(IngestConfig.BATCH_MAX_MESSAGES, "500");
        properties.put(IngestConfig.BATCH_LINGER, "30s");
        properties.put(IngestConfig.SOS_STORE_WAIT, "10s");
        properties.put(IngestConfig.SHUTDOWN_TIMEOUT, "0s");
        deployment = IngestFixture.deploy(vertx,
                fixture.verticle(properties, fixture.dataSource, fixture.recordingHandler()));
    }

    @AfterEach
    void undeploy(Vertx vertx) throws Exception {
        try {
            IngestFixture.undeploy(vertx, deployment);
        } finally {
            IngestFixture.forgetSession(clientId);
        }
    }

    private List<SosReceived> callsFor(DeviceId device) {
        return fixture.sosCalls.stream().filter(s -> s.device().equals(device)).toList();
    }

    private long sosRows(DeviceId device) {
        return fixture.count("SELECT count(*) FROM sos_presses WHERE device_id = ?", device.imei());
    }

    @Test
    void sos_is_handled_while_ordinary_batches_are_stuck_in_the_database() throws Exception {
        DeviceId device = randomDevice();
        Instant t = now().minusSeconds(2);
        try (Connection blocker = fixture.dataSource.getConnection();
             Statement lock = blocker.createStatement()) {
            // Holds every batch commit: inserting into positions waits for this transaction.
            lock.execute("LOCK TABLE positions IN ACCESS EXCLUSIVE MODE");
            fixture.publish(position(device, 1, t));
            fixture.publish(sos(device, 2, t.plusSeconds(1), fixAt(t.plusSeconds(1), 26.6, 106.7)));

            await("the SOS handler ran", () -> !callsFor(device).isEmpty());
            assertThat(fixture.positionsSeen).as("the position batch is still waiting for its commit")
                    .noneMatch(p -> p.device().equals(device));
            blocker.rollback();
        }
        await("the SOS row is committed", () -> sosRows(device) == 1);
        SosReceived sos = callsFor(device).get(0);
        assertThat(sos.sequence()).isEqualTo(2);
        assertThat(sos.position()).hasValueSatisfying(p -> {
            assertThat(p.lastKnown()).isFalse();
            assertThat(p.latitude()).isEqualTo(26.6);
        });
        assertThat(sos.late()).isFalse();
        assertThat(sos.corruptFrame()).isFalse();
        await("the position is committed once the table is free", () -> fixture.positionsOf(device) == 1);
    }

    @Test
    void sos_with_a_fix_reaches_the_handler_before_its_row_commits_and_is_acknowledged_only_after() throws Exception {
        DeviceId device = randomDevice();
        Instant t = now().minusSeconds(1);
        try (Connection blocker = fixture.dataSource.getConnection();
             Statement lock = blocker.createStatement()) {
            // Holds every insert into sos_presses (reads still pass).
            lock.execute("LOCK TABLE sos_presses IN EXCLUSIVE MODE");
            fixture.publish(sos(device, 7, t, fixAt(t, 26.61, 106.69)));

            await("the SOS handler ran", () -> !callsFor(device).isEmpty());
            assertThat(callsFor(device).get(0).position()).hasValueSatisfying(p -> assertThat(p.lastKnown()).isFalse());
            assertThat(sosRows(device)).as("the row is still waiting for the lock").isZero();
            assertThat(acknowledged()).as("no acknowledgement before the row is committed").isZero();
            blocker.rollback();
        }
        await("the SOS row is committed", () -> sosRows(device) == 1);
        await("the SOS is acknowledged once stored and handled", () -> acknowledged() == 1);
        assertThat(callsFor(device)).as("handed over once").hasSize(1);
    }

    @Test
    void sos_without_a_fix_is_raised_with_the_last_known_position_before_its_row_commits() throws Exception {
        DeviceId device = randomDevice();
        Instant seen = now().minusSeconds(30);
        try (Connection db = fixture.dataSource.getConnection(); Statement insert = db.createStatement()) {
            insert.execute("INSERT INTO device_latest (device_id, fix_time, fix_seq, lat, lon, accuracy_m, source,"
                    + " fix_received_at, updated_at) VALUES (" + device.imei() + ", '" + seen + "', 1, 26.52, 106.68,"
                    + " 12, 1, now(), now())");
            db.commit();
        }
        try (Connection blocker = fixture.dataSource.getConnection();
             Statement lock = blocker.createStatement()) {
            lock.execute("LOCK TABLE sos_presses IN EXCLUSIVE MODE");
            fixture.publish(sos(device, 8, now(), Fix.none(now())));

            await("the SOS handler ran", () -> !callsFor(device).isEmpty());
            assertThat(callsFor(device).get(0).position()).hasValueSatisfying(p -> {
                assertThat(p.lastKnown()).isTrue();
                assertThat(p.latitude()).isEqualTo(26.52);
            });
            assertThat(sosRows(device)).as("the row is still waiting for the lock").isZero();
            blocker.rollback();
        }
        await("the SOS row is committed", () -> sosRows(device) == 1);
        await("the SOS is acknowledged once stored and handled", () -> acknowledged() == 1);
        assertThat(callsFor(device)).as("handed over once").hasSize(1);
    }

    private static long acknowledged() {
        return fixture.registry.find("shouhu.ingest.sos.acknowledged").timer().count();
    }

    @Test
    void a_duplicate_sos_still_reaches_the_handler() throws Exception {
        DeviceId device = randomDevice();
        SosPress press = sos(device, 9, now().minusSeconds(1), Fix.none(now().minusSeconds(1)));
        fixture.publish(press);
        await("the first SOS was handled", () -> callsFor(device).size() == 1);
        fixture.publish(press);

        await("the duplicate SOS was handled too", () -> callsFor(device).size() == 2);
        assertThat(sosRows(device)).isEqualTo(1);
        assertThat(callsFor(device)).extracting(SosReceived::sequence).containsExactly(9L, 9L);
    }

    @Test
    void late_sos_is_flagged_with_its_age_and_delivered() throws Exception {
        DeviceId device = randomDevice();
        Instant pressed = now().minus(Duration.ofMinutes(10));
        fixture.publish(sos(device, 3, pressed, fixAt(pressed, 26.55, 106.71)));

        await("the late SOS was handled", () -> !callsFor(device).isEmpty());
        SosReceived sos = callsFor(device).get(0);
        assertThat(sos.late()).isTrue();
        assertThat(sos.pressAge()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
        await("the SOS row is flagged late", () -> fixture.count(
                "SELECT count(*) FROM sos_presses WHERE device_id = ? AND late", device.imei()) == 1);
    }

    @Test
    void damaged_sos_frame_is_dead_lettered_and_still_raised_from_its_topic() throws Exception {
        DeviceId device = randomDevice();
        byte[] frame = UplinkCodec.encodeBinary(sos(device, 4, now(), Fix.none(now())));
        byte[] truncated = java.util.Arrays.copyOf(frame, frame.length / 2);
        fixture.publishRaw(IngestFixture.topic(device, MessageType.SOS), truncated);

        await("the damaged SOS was raised", () -> !callsFor(device).isEmpty());
        SosReceived sos = callsFor(device).get(0);
        assertThat(sos.corruptFrame()).isTrue();
        assertThat(sos.sequenceKnown()).isFalse();
        assertThat(sos.rejection()).contains(ProtocolException.Reason.TRUNCATED);
        await("the SOS row is linked to its dead letter", () -> fixture.count(
                "SELECT count(*) FROM sos_presses s JOIN dead_letters d ON d.id = s.dead_letter_id"
                        + " WHERE s.device_id = ? AND s.corrupt_frame AND d.reason = 'TRUNCATED'", device.imei()) == 1);
    }
}
