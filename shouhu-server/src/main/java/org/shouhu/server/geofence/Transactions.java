package org.shouhu.server.geofence;

import java.sql.Connection;
import java.sql.SQLException;

/** Commit and rollback that work whether the pool hands out connections with auto-commit on or off. */
final class Transactions {

    private Transactions() {
    }

    static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Ends a read-only transaction before the connection goes back to the pool. */
    static void endRead(Connection connection) throws SQLException {
        commit(connection);
    }

    static void rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the caller reports the original failure
        }
    }
}
