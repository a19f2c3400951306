package org.shouhu.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouhu.embedded.TestServices;
import org.shouhu.ingest.IngestSchema;
import org.shouhu.ingest.PositionQueries;
import org.shouhu.ingest.StoredFix;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.Topics;
import org.shouhu.support.db.Databases;

/** The batch transaction and the position queries against real PostgreSQL, without a broker. */
class BatchTransactionTest {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);
    private static HikariDataSource dataSource;
    private static PositionQueries queries;

    @BeforeAll
    static void setUp() {
        dataSource = Databases.pool(TestServices.freshDatabase(), "batch-test", 2);
        IngestSchema.migrate(dataSource);
        queries = new PositionQueries(dataSource);
    }

    @AfterAll
    static void tearDown() {
        dataSource.close();
    }

    static DeviceId randomDevice() {
        return new DeviceId(ThreadLocalRandom.current().nextLong(100_000_000_000_000L, DeviceId.LIMIT));
    }

    static Classified report(DeviceId device, long sequence, Instant fixTime, double lat) {
        PositionReport report = new PositionReport(device, sequence,
                new Fix(fixTime, lat, 106.7123456, 12, FixSource.GNSS, 2.5, 181.25), 77);
        return new Classified.Accepted(new InboundMessage(Topics.uplink(device, MessageType.POSITION), new byte[0],
                T0.plusSeconds(4000), () -> { }), report);
    }

    private static BatchTransaction.Outcome write(List<Classified> items) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            StagingCopy.createTable(connection);
            return BatchTransaction.write(connection, items);
        }
    }

    /** Written as a lane writes a batch the first time: straight into positions when no duplicate is expected. */
    private static BatchTransaction.Outcome write(List<Classified> items, RecentKeys recent) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            StagingCopy.createTable(connection);
            return BatchTransaction.write(connection, items, StagingCopy.Format.BINARY, recent);
        }
    }

    private static Classified redelivered(Classified item) {
        InboundMessage m = item.message();
        return new Classified.Accepted(new InboundMessage(m.topic(), m.payload(), m.receivedAt(), m.ack(), true),
                ((Classified.Accepted) item).uplink());
    }

    /** Every column of a device's stored positions, in key order, as text. */
    private static List<String> storedRows(DeviceId device) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT seq, fix_time, received_at, lat, lon, accuracy_m,"
                     + " source, speed_mps, heading_deg, battery, late FROM positions WHERE device_id = ?"
                     + " ORDER BY fix_time, seq")) {
            query.setLong(1, device.imei());
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int column = 1; column <= 11; column++) {
                        row.append(result.getString(column)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            connection.rollback();
        }
        return rows;
    }

    /** The position columns of a device's {@code device_latest} row, as text. */
    private static String latestRow(DeviceId device) throws Exception {
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement("SELECT fix_time, fix_seq, lat, lon, accuracy_m, source,"
                     + " fix_received_at, updated_at FROM device_latest WHERE device_id = ?")) {
            query.setLong(1, device.imei());
            try (var result = query.executeQuery()) {
                assertThat(result.next()).isTrue();
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= 8; column++) {
                    row.append(result.getString(column)).append('|');
                }
                connection.rollback();
                return row.toString();
            }
        }
    }

    @Test
    void a_batch_without_expected_duplicates_goes_straight_into_positions_and_flags_late_fixes_alike()
            throws Exception {
        DeviceId direct = randomDevice();
        DeviceId staged = randomDevice();
        RecentKeys recent = new RecentKeys(1024);
        write(List.of(report(direct, 1, T0.plusSeconds(600), 26.6)), recent);
        write(List.of(report(staged, 1, T0.plusSeconds(600), 26.6)));
        BatchTransaction.Outcome outcome = write(List.of(report(direct, 2, T0.plusSeconds(300), 26.61),
                report(direct, 3, T0.plusSeconds(900), 26.62), report(direct, 4, T0.plusSeconds(700), 26.63)),
                recent);
        BatchTransaction.Outcome viaStaging = write(List.of(report(staged, 2, T0.plusSeconds(300), 26.61),
                report(staged, 3, T0.plusSeconds(900), 26.62), report(staged, 4, T0.plusSeconds(700), 26.63)));

        assertThat(outcome.direct()).isTrue();
        assertThat(viaStaging.direct()).isFalse();
        assertThat(outcome.batch().positions()).extracting(StoredPosition::sequence, StoredPosition::late)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, true),
                        org.assertj.core.groups.Tuple.tuple(3L, false),
                        org.assertj.core.groups.Tuple.tuple(4L, false))
                .isEqualTo(viaStaging.batch().positions().stream()
                        .map(p -> org.assertj.core.groups.Tuple.tuple(p.sequence(), p.late())).toList());
        assertThat(storedRows(direct)).as("the same columns as the staging path stores").isEqualTo(storedRows(staged));
        assertThat(latestRow(direct)).as("the same newest fix as the staging path keeps").isEqualTo(latestRow(staged))
                .contains("|3|26.62|");
        assertThat(queries.latest(direct).orElseThrow().sequence()).isEqualTo(3);
        assertThat(queries.latest(direct).orElseThrow().fix())
                .isEqualTo(((PositionReport) ((Classified.Accepted) report(direct, 3, T0.plusSeconds(900), 26.62))
                        .uplink()).fix());
    }

    @Test
    void an_older_batch_written_straight_does_not_move_the_newest_fix_back() throws Exception {
        DeviceId device = randomDevice();
        RecentKeys recent = new RecentKeys(1024);
        write(List.of(report(device, 5, T0.plusSeconds(900), 26.6)), recent);
        BatchTransaction.Outcome older = write(List.of(report(device, 4, T0.plusSeconds(800), 26.5)), recent);

        assertThat(older.direct()).isTrue();
        assertThat(older.batch().positions()).extracting(StoredPosition::late).containsExactly(true);
        assertThat(queries.latest(device).orElseThrow().sequence()).isEqualTo(5);
    }

    @Test
    void a_row_stored_before_elsewhere_sends_the_batch_through_the_staging_table_and_is_stored_once()
            throws Exception {
        DeviceId device = randomDevice();
        write(List.of(report(device, 1, T0.plusSeconds(10), 26.7)), new RecentKeys(1024));
        // Another lane, instance or a restart: nothing remembered, so the direct COPY meets the stored row.
        BatchTransaction.Outcome again = write(List.of(report(device, 1, T0.plusSeconds(10), 26.7),
                report(device, 2, T0.plusSeconds(20), 26.8)), new RecentKeys(1024));

        assertThat(again.direct()).isFalse();
        assertThat(again.positionsStaged()).isEqualTo(2);
        assertThat(again.batch().positions()).extracting(StoredPosition::sequence, StoredPosition::late)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, false));
        assertThat(again.batch().messages()).hasSize(2);
        assertThat(queries.count(device, T0, T0.plusSeconds(3600))).isEqualTo(2);
    }

    @Test
    void a_key_committed_lately_a_key_twice_or_a_redelivery_takes_the_staging_table() throws Exception {
        DeviceId device = randomDevice();
        RecentKeys recent = new RecentKeys(1024);
        Classified one = report(device, 1, T0.plusSeconds(10), 26.7);
        Classified two = report(device, 2, T0.plusSeconds(20), 26.7);
        Classified three = report(device, 3, T0.plusSeconds(30), 26.7);
        assertThat(write(List.of(one), recent).direct()).isTrue();

        BatchTransaction.Outcome resent = write(List.of(one), recent);
        BatchTransaction.Outcome twice = write(List.of(two, two), recent);
        BatchTransaction.Outcome redelivery = write(List.of(redelivered(three)), recent);

        assertThat(resent.direct()).isFalse();
        assertThat(resent.batch().positions()).isEmpty();
        assertThat(twice.direct()).isFalse();
        assertThat(twice.batch().positions()).hasSize(1);
        assertThat(redelivery.direct()).isFalse();
        assertThat(redelivery.batch().positions()).hasSize(1);
        assertThat(queries.count(device, T0, T0.plusSeconds(3600))).isEqualTo(3);
    }

    @Test
    void stores_positions_and_answers_latest_track_and_count() throws Exception {
        DeviceId device = randomDevice();
        List<Classified> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(report(device, i, T0.plusSeconds(i * 60L), 26.5 + i * 0.001));
        }
        BatchTransaction.Outcome outcome = write(items);
        assertThat(outcome.batch().positions()).hasSize(10);

        StoredFix latest = queries.latest(device).orElseThrow();
        assertThat(latest.sequence()).isEqualTo(9);
        assertThat(latest.fix()).isEqualTo(((PositionReport) ((Classified.Accepted) items.get(9)).uplink()).fix());
        assertThat(queries.track(device, T0.plusSeconds(120), T0.plusSeconds(300)))
                .extracting(StoredFix::sequence).containsExactly(2L, 3L, 4L);
        assertThat(queries.count(device, T0, T0.plusSeconds(3600))).isEqualTo(10);
        assertThat(queries.latest(randomDevice())).isEmpty();
    }

    @Test
    void a_fix_older_than_the_newest_stored_one_is_flagged_late() throws Exception {
        DeviceId device = randomDevice();
        write(List.of(report(device, 1, T0.plusSeconds(600), 26.6)));
        BatchTransaction.Outcome outcome = write(List.of(report(device, 2, T0.plusSeconds(300), 26.61),
                report(device, 3, T0.plusSeconds(900), 26.62)));

        assertThat(outcome.batch().positions()).extracting(StoredPosition::sequence, StoredPosition::late)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, true),
                        org.assertj.core.groups.Tuple.tuple(3L, false));
        assertThat(queries.latest(device).orElseThrow().sequence()).isEqualTo(3);
    }

    @Test
    void duplicates_within_one_batch_and_across_batches_are_stored_once() throws Exception {
        DeviceId device = randomDevice();
        Classified one = report(device, 1, T0.plusSeconds(10), 26.7);
        BatchTransaction.Outcome first = write(List.of(one, one));
        BatchTransaction.Outcome second = write(List.of(one));

        assertThat(first.positionsStaged()).isEqualTo(2);
        assertThat(first.batch().positions()).hasSize(1);
        assertThat(second.batch().positions()).isEmpty();
        assertThat(second.batch().messages()).hasSize(1);
        assertThat(queries.count(device, T0, T0.plusSeconds(3600))).isEqualTo(1);
    }

    @Test
    void one_rejected_payload_is_dead_lettered_in_the_same_commit_as_the_good_rows_of_its_batch() throws Exception {
        DeviceId device = randomDevice();
        String topic = Topics.uplink(device, MessageType.POSITION);
        byte[] raw = {0x01, 0x02, (byte) 0xFF};
        Classified bad = new Classified.Rejected(new InboundMessage(topic, raw, T0.plusSeconds(4000), () -> { }),
                new ProtocolException(ProtocolException.Reason.BAD_CHECKSUM, 2, "checksum mismatch"),
                java.util.Optional.empty());
        BatchTransaction.Outcome outcome = write(List.of(report(device, 1, T0.plusSeconds(1), 26.5), bad,
                report(device, 3, T0.plusSeconds(3), 26.6)));

        assertThat(outcome.deadLetters()).isEqualTo(1);
        assertThat(outcome.batch().messages()).as("all three are acknowledged together").hasSize(3);
        assertThat(outcome.batch().positions()).extracting(StoredPosition::sequence).containsExactly(1L, 3L);
        assertThat(queries.count(device, T0, T0.plusSeconds(3600))).isEqualTo(2);
        try (Connection connection = dataSource.getConnection();
             var query = connection.prepareStatement(
                     "SELECT payload, reason, byte_offset, detail FROM dead_letters WHERE topic = ?")) {
            query.setString(1, topic);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBytes(1)).isEqualTo(raw);
                assertThat(rows.getString(2)).isEqualTo("BAD_CHECKSUM");
                assertThat(rows.getInt(3)).isEqualTo(2);
                assertThat(rows.getString(4)).contains("checksum mismatch");
                assertThat(rows.next()).isFalse();
            }
            connection.rollback();
        }
    }

    @Test
    void text_and_binary_copy_store_the_same_values() throws Exception {
        DeviceId textDevice = randomDevice();
        DeviceId binaryDevice = randomDevice();
        Instant time = T0.plusNanos(123_456_000);
        List<StagedPosition> rows = List.of(new StagedPosition(textDevice, 5,
                new Fix(time, -12.3456789, 179.9999999, 65_534, FixSource.WIFI, 655.0, 359.99), 0, T0, true));
        List<StagedPosition> binaryRows = List.of(new StagedPosition(binaryDevice, 5, rows.get(0).fix(), 0, T0, true));
        try (Connection connection = dataSource.getConnection()) {
            StagingCopy.createTable(connection);
            StagingCopy.copy(connection, rows, StagingCopy.Format.TEXT);
            StagingCopy.copy(connection, binaryRows, StagingCopy.Format.BINARY);
            try (var statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT count(DISTINCT (fix_time, received_at, lat, lon,"
                         + " accuracy_m, source, speed_mps, heading_deg, battery, from_batch, has_position)),"
                         + " min(fix_time) = '" + time + "'::timestamptz FROM ingest_staging")) {
                result.next();
                assertThat(result.getInt(1)).as("identical rows").isEqualTo(1);
                assertThat(result.getBoolean(2)).isTrue();
            }
            connection.rollback();
        }
    }
}
