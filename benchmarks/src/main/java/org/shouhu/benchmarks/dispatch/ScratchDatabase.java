package org.shouhu.benchmarks.dispatch;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.shouhu.support.db.DatabaseSettings;
import org.shouhu.support.db.Databases;
import org.shouhu.support.db.SchemaMigrator;

/** The harness's own database: dropped, created and migrated at start, emptied between runs. */
final class ScratchDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    private ScratchDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    static ScratchDatabase create(DispatchBenchOptions options) throws SQLException {
        try (Connection admin = DriverManager.getConnection(options.adminJdbcUrl(), options.user(), "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + options.database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + options.database());
        }
        HikariDataSource pool = Databases.pool(new DatabaseSettings(options.scratchJdbcUrl(), options.user(), ""),
                "dispatch-bench", options.poolSize());
        new SchemaMigrator(pool).migrate("alerts");
        return new ScratchDatabase(pool);
    }

    HikariDataSource dataSource() {
        return pool;
    }

    void truncate() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE alert_outbox, alert_events, alert_triggers, alerts");
            connection.commit();
        }
        vacuum();
    }

    /** Keeps the planner's statistics true between runs of very different table sizes. */
    private void vacuum() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE alert_outbox");
            } finally {
                connection.setAutoCommit(false);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            long result = rows.getLong(1);
            connection.commit();
            return result;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
