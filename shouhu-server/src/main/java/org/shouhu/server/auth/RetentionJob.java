package org.shouhu.server.auth;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Deletes what has been kept long enough: closed alerts (with their triggers, audit trail and messages) raised more
 * than {@code access.alert-retention} ago, access log rows older than {@code access.log-retention}, and expired
 * tokens and sign-in failure counts whose window has passed. Open alerts are never deleted, however old. Positions are dropped by ingest's partition maintenance
 * ({@code ingest.retention}), which is shorter. Alerts go in batches, each its own transaction, so that a large
 * backlog never holds long locks. Blocking JDBC: call off the event loop. Thread-safe.
 */
public final class RetentionJob {

    private static final int ALERT_BATCH = 500;

    /** What one run deleted. */
    public record Pruned(int alerts, int accessLogRows, int tokens, int signInFailures) {

        public boolean any() {
            return alerts + accessLogRows + tokens + signInFailures > 0;
        }
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final AccessConfig config;
    private final AccessLog accessLog;
    private final TokenService tokens;
    private final SignInThrottle throttle;

    public RetentionJob(DataSource dataSource, Clock clock, AccessConfig config, AccessLog accessLog,
                        TokenService tokens, SignInThrottle throttle) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    public Pruned prune() throws SQLException {
        int alerts = 0;
        int batch;
        do {
            batch = pruneAlertBatch();
            alerts += batch;
        } while (batch == ALERT_BATCH);
        return new Pruned(alerts, accessLog.purgeOlderThan(config.accessLogRetention()), tokens.purgeExpired(),
                throttle.purgeExpired());
    }

    private int pruneAlertBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                List<UUID> ids = closedBefore(connection);
                if (!ids.isEmpty()) {
                    Array array = connection.createArrayOf("uuid", ids.toArray());
                    for (String table : List.of("alert_triggers", "alert_events", "alert_outbox")) {
                        delete(connection, "DELETE FROM " + table + " WHERE alert_id = ANY (?)", array);
                    }
                    delete(connection, "DELETE FROM alerts WHERE id = ANY (?)", array);
                }
                AccountStore.commit(connection);
                return ids.size();
            } catch (SQLException e) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                throw e;
            }
        }
    }

    private List<UUID> closedBefore(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM alerts WHERE state IN "
                + "('RESOLVED', 'EXPIRED') AND raised_at < ? ORDER BY raised_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setObject(1, TokenService.utc(clock.instant().minus(config.alertRetention())));
            select.setInt(2, ALERT_BATCH);
            try (ResultSet rows = select.executeQuery()) {
                List<UUID> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add((UUID) rows.getObject(1));
                }
                return ids;
            }
        }
    }

    private static void delete(Connection connection, String sql, Array ids) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setArray(1, ids);
            delete.executeUpdate();
        }
    }
}
