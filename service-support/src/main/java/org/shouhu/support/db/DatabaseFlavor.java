package org.shouhu.support.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which kind of PostgreSQL the platform runs on. Time-series tables are hypertables with compression and retention
 * policies on TimescaleDB, and natively range-partitioned tables with the same names and columns on plain
 * PostgreSQL, so every query is the same on both.
 */
public enum DatabaseFlavor {
    TIMESCALE,
    POSTGRES;

    /** The token that stands for the flavour in migration file names: {@code V002__positions.{flavor}.sql}. */
    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * TIMESCALE when the {@code timescaledb} extension is installed in the database or can be (it is then created),
     * POSTGRES otherwise. Leaves the connection's transaction state as it found it: commits only when it created the
     * extension.
     */
    public static DatabaseFlavor detect(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT installed_version IS NOT NULL FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            if (!rows.next()) {
                return POSTGRES;
            }
            if (!rows.getBoolean(1)) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
            return TIMESCALE;
        }
    }
}
