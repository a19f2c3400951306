package org.shouhu.sim.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.shouhu.embedded.TestServices;
import org.shouhu.support.db.DatabaseSettings;

/** A fresh test database with the platform's positions table shape: partitioned by day, default partition. */
final class PositionsTable {

    private PositionsTable() {
    }

    static DatabaseSettings freshDatabaseWithPositions() throws SQLException {
        DatabaseSettings db = TestServices.freshDatabase();
        try (Connection connection = connect(db); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE positions (
                        device_id bigint NOT NULL, seq bigint NOT NULL, fix_time timestamptz NOT NULL,
                        received_at timestamptz NOT NULL, lat double precision NOT NULL,
                        lon double precision NOT NULL, accuracy_m integer NOT NULL, source smallint NOT NULL,
                        speed_mps real NOT NULL, heading_deg real NOT NULL, battery smallint NOT NULL,
                        late boolean NOT NULL,
                        CONSTRAINT positions_device_seq_time UNIQUE (device_id, seq, fix_time)
                    ) PARTITION BY RANGE (fix_time)""");
            statement.execute("CREATE INDEX positions_device_time ON positions (device_id, fix_time DESC)");
            statement.execute("CREATE TABLE positions_default PARTITION OF positions DEFAULT");
            statement.execute("CREATE TABLE positions_p_today PARTITION OF positions "
                    + "FOR VALUES FROM (now() - interval '1 day') TO (now() + interval '1 day')");
        }
        return db;
    }

    static Connection connect(DatabaseSettings db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
