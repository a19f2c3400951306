package org.shouhu.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.shouhu.alert.AlertId;
import org.shouhu.protocol.DeviceId;

/**
 * Reads the scope of alerts (child, jurisdiction) from the {@code alerts} table, and finds the alerts a principal
 * may list, so that a dispatcher's or a guardian's list is filtered in the database rather than after a limit.
 * Blocking JDBC: call off the event loop. Thread-safe.
 */
public final class AlertScopes {

    private static final String OPEN = "state NOT IN ('RESOLVED', 'EXPIRED')";

    private final DataSource dataSource;

    public AlertScopes(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public Optional<AlertScope> scope(AlertId id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, child_id, device_id, police_id FROM alerts WHERE id = ?")) {
            select.setObject(1, id.value());
            try (ResultSet rows = select.executeQuery()) {
                Optional<AlertScope> scope = rows.next() ? Optional.of(read(rows)) : Optional.empty();
                AccountStore.commit(connection);
                return scope;
            }
        }
    }

    /**
     * Alerts raised in the jurisdiction or about the devices assigned to it, newest first; only open ones when
     * {@code openOnly}.
     */
    public List<AlertScope> forJurisdiction(String jurisdictionId, Collection<DeviceId> assigned, boolean openOnly,
                                            int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Long[] devices = assigned.stream().map(DeviceId::imei).toArray(Long[]::new);
            return list(connection, "SELECT id, child_id, device_id, police_id FROM alerts WHERE (police_id = ? "
                            + "OR device_id = ANY (?))" + (openOnly ? " AND " + OPEN : "")
                            + " ORDER BY raised_at DESC LIMIT ?",
                    jurisdictionId, connection.createArrayOf("bigint", devices), limit);
        }
    }

    /** Every alert, newest first; only open ones when {@code openOnly}. */
    public List<AlertScope> all(boolean openOnly, int limit) throws SQLException {
        return list("SELECT id, child_id, device_id, police_id FROM alerts" + (openOnly ? " WHERE " + OPEN : "")
                + " ORDER BY raised_at DESC LIMIT ?", limit);
    }

    /** Alerts about the children, newest first; only open ones when {@code openOnly}. */
    public List<AlertScope> forChildren(Collection<String> childIds, boolean openOnly, int limit)
            throws SQLException {
        if (childIds.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, "SELECT id, child_id, device_id, police_id FROM alerts WHERE child_id = ANY (?)"
                            + (openOnly ? " AND " + OPEN : "") + " ORDER BY raised_at DESC LIMIT ?",
                    connection.createArrayOf("text", childIds.toArray()), limit);
        }
    }

    private List<AlertScope> list(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, sql, parameters);
        }
    }

    private static List<AlertScope> list(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<AlertScope> scopes = new ArrayList<>();
                while (rows.next()) {
                    scopes.add(read(rows));
                }
                AccountStore.commit(connection);
                return scopes;
            }
        }
    }

    private static AlertScope read(ResultSet rows) throws SQLException {
        return new AlertScope(new AlertId((UUID) rows.getObject(1)), rows.getString(2),
                new DeviceId(rows.getLong(3)), Optional.ofNullable(rows.getString(4)));
    }
}
