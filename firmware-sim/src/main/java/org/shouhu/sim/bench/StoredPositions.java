package org.shouhu.sim.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts the rows the platform has inserted into {@code positions} from PostgreSQL's statistics
 * ({@code n_tup_ins} of every partition or TimescaleDB chunk, both of which inherit from {@code positions}), which
 * is cheap at any table size; a count only moves once a transaction commits. A busy backend publishes its statistics
 * about once a second and an idle one within 10 s, so rates are taken over windows of many seconds and totals after
 * 12 quiet seconds. Not thread-safe.
 */
final class StoredPositions {

    private static final String INSERTED = """
            SELECT coalesce(sum(s.n_tup_ins), 0)
            FROM pg_stat_user_tables s
            WHERE s.relid = 'positions'::regclass
               OR s.relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'positions'::regclass)
            """;

    private final Connection connection;

    StoredPositions(Connection connection) {
        this.connection = connection;
    }

    /** Rows inserted into positions since the statistics were last reset. */
    long inserted() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery(INSERTED)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
