package org.shouhu.alert.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs units of work in one JDBC transaction each: commit when the work returns, roll back when it throws. Blocking:
 * call from worker threads only. Thread-safe.
 */
public final class Transactions {

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int MAX_ATTEMPTS = 4;

    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Runs the work; a deadlock or serialization failure (PostgreSQL chose this transaction as the victim, nothing
     * was committed) is retried a few times before it is thrown.
     */
    public <T> T run(Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (SQLException e) {
                boolean victim = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!victim || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private <T> T runOnce(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }
}
