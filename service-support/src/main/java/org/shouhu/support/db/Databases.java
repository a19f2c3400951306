package org.shouhu.support.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds connection pools. */
public final class Databases {

    private Databases() {
    }

    /**
     * A pool of at most {@code maxSize} connections. Connections are created lazily except the first, which is
     * opened at once so that a wrong URL or a server that is down fails at start-up, not on the first alert.
     */
    public static HikariDataSource pool(DatabaseSettings settings, String poolName, int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1: " + maxSize);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setPoolName(poolName);
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        // Explicit transactions everywhere: each unit of work commits exactly once, after everything it wrote.
        config.setAutoCommit(false);
        return new HikariDataSource(config);
    }
}
