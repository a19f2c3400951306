package org.shouhu.alert.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

    /**
     * Like {@link #run}, but the commit does not wait for the write-ahead log to reach the disk. Only for work whose
     * loss in a database crash is harmless because it is redone: outbox leases and delivery outcomes (a lost
     * outcome means the message is delivered again, and receivers drop repeats by idempotency key). Never for
     * raising an alert or changing its state. Waiting for the flush costs a disk sync per transaction, which on
     * ordinary disks bounds delivery to a few hundred messages per second.
     */
    public <T> T runUnflushed(Work<T> work) throws SQLException {
        return run(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit TO OFF");
            }
            return work.run(connection);
        });
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
