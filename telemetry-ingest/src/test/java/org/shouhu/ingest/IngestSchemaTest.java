package org.shouhu.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouhu.embedded.TestServices;
import org.shouhu.support.db.Databases;

class IngestSchemaTest {

    /** A database of its own per test: partition layout is global state. */
    private HikariDataSource dataSource;

    @BeforeEach
    void setUp() {
        dataSource = Databases.pool(TestServices.freshDatabase(), "schema-test", 2);
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    @Test
    void migrations_run_twice_are_a_no_op() throws Exception {
        IngestSchema.migrate(dataSource);
        List<String> tablesAfterFirst = tables();

        assertThat(IngestSchema.migrate(dataSource)).isEmpty();
        assertThat(tables()).isEqualTo(tablesAfterFirst)
                .contains("positions", "dead_letters", "device_latest", "device_status", "sos_presses");
    }

    @Test
    void partition_maintenance_creates_partitions_ahead_and_drops_expired_ones() throws Exception {
        IngestSchema.migrate(dataSource);
        Instant later = Instant.parse("2031-03-10T12:00:00Z");

        List<IngestSchema.PartitionChange> first = IngestSchema.maintainPartitions(dataSource, later, 2,
                Duration.ofDays(30));
        assertThat(first).filteredOn(c -> c.action() == IngestSchema.PartitionChange.Action.CREATED)
                .extracting(IngestSchema.PartitionChange::partition)
                .containsExactly("positions_p20310309", "positions_p20310310", "positions_p20310311",
                        "positions_p20310312");
        assertThat(first).filteredOn(c -> c.action() == IngestSchema.PartitionChange.Action.DROPPED)
                .as("the partitions created at migration time are years older than the retention")
                .isNotEmpty();
        assertThat(partitions()).containsExactly("positions_default", "positions_p20310309", "positions_p20310310",
                "positions_p20310311", "positions_p20310312");

        assertThat(IngestSchema.maintainPartitions(dataSource, later, 2, Duration.ofDays(30)))
                .as("a second run changes nothing").isEmpty();

        List<IngestSchema.PartitionChange> monthLater = IngestSchema.maintainPartitions(dataSource,
                later.plus(Duration.ofDays(31)), 1, Duration.ofDays(30));
        assertThat(monthLater).filteredOn(c -> c.action() == IngestSchema.PartitionChange.Action.DROPPED)
                .extracting(IngestSchema.PartitionChange::partition)
                .containsExactly("positions_p20310309", "positions_p20310310");
    }

    @Test
    void a_late_row_in_the_default_partition_moves_into_the_partition_created_for_its_day() throws Exception {
        IngestSchema.migrate(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO positions VALUES (42, 1, '2032-01-05 08:00+00', now(), 26.5, 106.7, 5, 1,"
                    + " 0, 0, 80, true)");
            connection.commit();
        }
        IngestSchema.maintainPartitions(dataSource, Instant.parse("2032-01-05T00:00:00Z"), 1, Duration.ofDays(30));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT tableoid::regclass::text FROM positions WHERE device_id = 42")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("positions_p20320105");
            connection.commit();
        }
    }

    @Test
    void every_positions_partition_has_one_index_which_keeps_a_fix_stored_once() throws Exception {
        IngestSchema.migrate(dataSource);
        String insert = "INSERT INTO positions VALUES (42, 1, '2032-01-05 08:00+00', now(), 26.5, 106.7, 5, 1, 0, 0,"
                + " 80, false)";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(insert);
            connection.commit();
        }
        // The day's partition is then made from the default partition's rows and attached: the other way to make one.
        IngestSchema.maintainPartitions(dataSource, Instant.parse("2032-01-05T00:00:00Z"), 1, Duration.ofDays(30));

        List<String> partitions = partitions();
        assertThat(partitions).contains("positions_default", "positions_p20320105");
        List<String> indexes = strings("SELECT tablename || ' ' || regexp_replace(indexdef, '^.* USING ', '')"
                + " FROM pg_indexes WHERE tablename = 'positions' OR tablename LIKE 'positions\\_%' ORDER BY 1");
        assertThat(indexes).hasSize(partitions.size() + 1)
                .allSatisfy(index -> assertThat(index).endsWith(" btree (device_id, fix_time, seq)"));
        assertThat(strings("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE 'CREATE UNIQUE INDEX %'"
                + " AND (tablename = 'positions' OR tablename LIKE 'positions\\_%')"))
                .containsExactly(Integer.toString(partitions.size() + 1));

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(insert)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
            connection.rollback();
        }
    }

    private List<String> tables() throws Exception {
        return strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    }

    private List<String> partitions() throws Exception {
        return strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'positions'::regclass ORDER BY c.relname");
    }

    private List<String> strings(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            connection.commit();
            return values;
        }
    }
}
