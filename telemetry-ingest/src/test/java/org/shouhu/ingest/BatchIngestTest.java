package org.shouhu.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.ingest.IngestFixture.await;
import static org.shouhu.ingest.IngestFixture.now;
import static org.shouhu.ingest.IngestFixture.position;
import static org.shouhu.ingest.IngestFixture.randomDevice;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionBatch;
import org.shouhu.protocol.StatusReport;
import org.shouhu.protocol.UplinkCodec;

@ExtendWith(VertxExtension.class)
class BatchIngestTest {

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
        // Three messages fill a batch; whether the three of a test share a transaction depends on their arrival
        // (a pause closes a batch early), and the outcome must be the same either way. BatchTransactionTest covers
        // the single transaction.
        properties.put(IngestConfig.BATCH_MAX_MESSAGES, "3");
        properties.put(IngestConfig.BATCH_LINGER, "10s");
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

    @Test
    void duplicates_are_stored_once() throws Exception {
        DeviceId device = randomDevice();
        var report = position(device, 7, now().minusSeconds(5));
        fixture.publish(report);
        fixture.publish(report);
        fixture.publish(report);

        await("the batch of three is committed", () -> fixture.counter("shouhu.ingest.positions.duplicates") >= 2);
        assertThat(fixture.positionsOf(device)).isEqualTo(1);
        assertThat(fixture.positionsSeen).filteredOn(p -> p.device().equals(device)).hasSize(1);
    }

    @Test
    void a_batch_with_one_bad_payload_stores_the_good_ones_and_dead_letters_the_bad_one() throws Exception {
        DeviceId device = randomDevice();
        Instant t = now().minusSeconds(30);
        byte[] damaged = UplinkCodec.encodeBinary(position(device, 2, t.plusSeconds(1)));
        damaged[damaged.length - 1] ^= 0x5A; // breaks the checksum
        String topic = IngestFixture.topic(device, MessageType.POSITION);

        fixture.publish(position(device, 1, t));
        fixture.publishRaw(topic, damaged);
        fixture.publish(position(device, 3, t.plusSeconds(2)));

        await("both good positions are stored", () -> fixture.positionsOf(device) == 2);
        await("the bad one is dead-lettered",
                () -> fixture.count("SELECT count(*) FROM dead_letters WHERE topic = ?", topic) == 1);
        try (Connection connection = fixture.dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT reason, payload, detail FROM dead_letters WHERE topic = ?")) {
            query.setString(1, topic);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("BAD_CHECKSUM");
                assertThat(rows.getBytes(2)).isEqualTo(damaged);
                assertThat(rows.getString(3)).isNotBlank();
                assertThat(rows.next()).isFalse();
            }
            connection.commit();
        }
        assertThat(fixture.registry.get("shouhu.ingest.messages.rejected").tag("reason", "BAD_CHECKSUM")
                .counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void buffered_batch_positions_are_each_stored_and_flagged_late() throws Exception {
        DeviceId device = randomDevice();
        Instant t = now().minusSeconds(600);
        PositionBatch batch = new PositionBatch(device, 100,
                List.of(position(device, 10, t), position(device, 11, t.plusSeconds(60)),
                        position(device, 12, t.plusSeconds(120))));
        fixture.publish(batch);
        fixture.publish(position(device, 13, now().minusSeconds(1)));
        fixture.publish(new StatusReport(device, 14, now().minusSeconds(1), 42, true, false));

        await("four positions are stored", () -> fixture.positionsOf(device) == 4);
        assertThat(fixture.count("SELECT count(*) FROM positions WHERE device_id = ? AND late", device.imei()))
                .isEqualTo(3);
        assertThat(fixture.count("SELECT count(*) FROM device_status WHERE device_id = ?", device.imei()))
                .isEqualTo(1);
        assertThat(fixture.count("SELECT battery FROM device_latest WHERE device_id = ?", device.imei()))
                .isEqualTo(42);
        assertThat(fixture.count("SELECT fix_seq FROM device_latest WHERE device_id = ?", device.imei()))
                .isEqualTo(13);
    }
}
