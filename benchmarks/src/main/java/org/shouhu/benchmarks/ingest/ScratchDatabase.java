package org.shouhu.benchmarks.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Drops and creates the harness's scratch database. */
final class ScratchDatabase {

    private ScratchDatabase() {
    }

    static void recreate(BenchOptions options) throws Exception {
        try (Connection admin = DriverManager.getConnection(options.adminJdbcUrl(), options.user(), "");
             Statement statement = admin.createStatement()) {
            admin.setAutoCommit(true);
            statement.execute("DROP DATABASE IF EXISTS " + options.database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + options.database());
        }
    }
}
