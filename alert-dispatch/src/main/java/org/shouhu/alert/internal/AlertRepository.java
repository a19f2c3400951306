package org.shouhu.alert.internal;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.AlertState;
import org.shouhu.alert.AuditEvent;
import org.shouhu.alert.Child;
import org.shouhu.alert.ReportedPosition;
import org.shouhu.protocol.DeviceId;

/**
 * SQL on {@code alerts}, {@code alert_triggers} and {@code alert_events}. Every method works inside the caller's
 * transaction and never commits. Stateless and thread-safe.
 */
public final class AlertRepository {

    private static final int DEVICE_LOCK_CLASS = 0x414c5254; // "ALRT"

    /** Serialises raising alerts for one device until the transaction ends, so that a storm yields one alert. */
    public void lockDevice(Connection connection, DeviceId device) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, DEVICE_LOCK_CLASS);
            lock.setInt(2, Long.hashCode(device.imei()));
            lock.execute();
        }
    }

    public Optional<AlertId> findTrigger(Connection connection, DeviceId device, String triggerKey)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT alert_id FROM alert_triggers WHERE device_id = ? AND trigger_key = ?")) {
            query.setLong(1, device.imei());
            query.setString(2, triggerKey);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new AlertId(rows.getObject(1, UUID.class))) : Optional.empty();
            }
        }
    }

    public void insertTrigger(Connection connection, DeviceId device, String triggerKey, AlertId alertId,
                              Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO alert_triggers (device_id, trigger_key, alert_id, received_at) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, device.imei());
            insert.setString(2, triggerKey);
            insert.setObject(3, alertId.value());
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    /** The open alert of this device, kind and scope, locked for update. */
    public Optional<AlertId> findOpen(Connection connection, DeviceId device, AlertKind kind, String scopeKey)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM alerts WHERE device_id = ? "
                + "AND kind = ? AND scope_key = ? AND state NOT IN ('RESOLVED', 'EXPIRED') FOR NO KEY UPDATE")) {
            query.setLong(1, device.imei());
            query.setString(2, kind.name());
            query.setString(3, scopeKey);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new AlertId(rows.getObject(1, UUID.class))) : Optional.empty();
            }
        }
    }

    /** Inserts a new alert in state RAISED. */
    public void insert(Connection connection, StoredAlert alert, String scopeKey, String ruleId, String zoneId,
                       String policeId) throws SQLException {
        AlertSnapshot s = alert.snapshot();
        String sql = "INSERT INTO alerts (id, kind, device_id, scope_key, state, child_id, child_name, rule_id, "
                + "zone_id, zone_name, sos_sequence, occurred_at, raised_at, latitude, longitude, accuracy_m, "
                + "fix_time, last_known, position_age_ms, late, battery_percent, police_id, police_name, "
                + "police_endpoint, outside_jurisdiction, escalate_at) "
                + "VALUES (?, ?, ?, ?, 'RAISED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int i = 0;
            insert.setObject(++i, s.id().value());
            insert.setString(++i, s.kind().name());
            insert.setLong(++i, s.device().imei());
            insert.setString(++i, scopeKey);
            insert.setString(++i, s.child().id());
            insert.setString(++i, s.child().name());
            insert.setString(++i, ruleId);
            insert.setString(++i, zoneId);
            insert.setString(++i, s.zoneName());
            if (s.sosSequence() < 0) {
                insert.setNull(++i, Types.BIGINT);
            } else {
                insert.setLong(++i, s.sosSequence());
            }
            insert.setTimestamp(++i, Timestamp.from(s.occurredAt()));
            insert.setTimestamp(++i, Timestamp.from(s.raisedAt()));
            i = setPosition(insert, i, s.position());
            insert.setBoolean(++i, s.late());
            insert.setInt(++i, s.batteryPercent());
            insert.setString(++i, policeId);
            insert.setString(++i, s.policeName());
            insert.setString(++i, alert.policeEndpoint().toString());
            insert.setBoolean(++i, s.outsideJurisdiction());
            insert.setTimestamp(++i, alert.escalateAt().map(Timestamp::from).orElse(null));
            insert.executeUpdate();
        }
    }

    private static int setPosition(PreparedStatement statement, int i, Optional<ReportedPosition> position)
            throws SQLException {
        if (position.isPresent()) {
            ReportedPosition p = position.get();
            statement.setDouble(++i, p.latitude());
            statement.setDouble(++i, p.longitude());
            statement.setInt(++i, p.accuracyMetres());
            statement.setTimestamp(++i, Timestamp.from(p.fixTime()));
            statement.setBoolean(++i, p.lastKnown());
            statement.setLong(++i, p.age().toMillis());
        } else {
            statement.setNull(++i, Types.DOUBLE);
            statement.setNull(++i, Types.DOUBLE);
            statement.setNull(++i, Types.INTEGER);
            statement.setNull(++i, Types.TIMESTAMP_WITH_TIMEZONE);
            statement.setNull(++i, Types.BOOLEAN);
            statement.setNull(++i, Types.BIGINT);
        }
        return i;
    }

    /**
     * Records one more trigger on an open alert; takes the new position when it is fresher than the stored one.
     *
     * @return whether the position changed
     */
    public boolean absorbTrigger(Connection connection, AlertId id, Optional<ReportedPosition> position)
            throws SQLException {
        boolean moved = false;
        if (position.isPresent()) {
            String sql = "UPDATE alerts SET latitude = ?, longitude = ?, accuracy_m = ?, fix_time = ?, last_known = ?, "
                    + "position_age_ms = ? WHERE id = ? AND (fix_time IS NULL OR fix_time < ?)";
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int i = setPosition(update, 0, position);
                update.setObject(++i, id.value());
                update.setTimestamp(++i, Timestamp.from(position.get().fixTime()));
                moved = update.executeUpdate() == 1;
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alerts SET trigger_count = trigger_count + 1 WHERE id = ?")) {
            update.setObject(1, id.value());
            update.executeUpdate();
        }
        return moved;
    }

    /** Increments and returns the alert's update counter (the number of the next CAP Update). */
    public int nextUpdateNumber(Connection connection, AlertId id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alerts SET update_count = update_count + 1 WHERE id = ? RETURNING update_count")) {
            update.setObject(1, id.value());
            try (ResultSet rows = update.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    public Optional<StoredAlert> load(Connection connection, AlertId id, boolean forUpdate) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT * FROM alerts WHERE id = ?" + (forUpdate ? " FOR NO KEY UPDATE" : ""))) {
            query.setObject(1, id.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(storedFrom(rows)) : Optional.empty();
            }
        }
    }

    /** Open alerts, newest first. */
    public List<StoredAlert> open(Connection connection, int limit) throws SQLException {
        List<StoredAlert> alerts = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM alerts WHERE state NOT IN "
                + "('RESOLVED', 'EXPIRED') ORDER BY raised_at DESC LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    alerts.add(storedFrom(rows));
                }
            }
        }
        return alerts;
    }

    /**
     * Alerts whose escalation is due, locked, skipping those another instance is escalating. NO KEY UPDATE, because
     * audit inserts hold KEY SHARE locks on the alert and must not make it look busy.
     */
    public List<StoredAlert> dueForEscalation(Connection connection, Instant now, int limit) throws SQLException {
        List<StoredAlert> alerts = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM alerts WHERE escalate_at <= ? "
                + "AND state NOT IN ('RESOLVED', 'EXPIRED') ORDER BY escalate_at LIMIT ? FOR NO KEY UPDATE SKIP LOCKED")) {
            query.setTimestamp(1, Timestamp.from(now));
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    alerts.add(storedFrom(rows));
                }
            }
        }
        return alerts;
    }

    private static StoredAlert storedFrom(ResultSet rows) throws SQLException {
        Optional<ReportedPosition> position = Optional.empty();
        Timestamp fixTime = rows.getTimestamp("fix_time");
        if (fixTime != null) {
            position = Optional.of(new ReportedPosition(rows.getDouble("latitude"), rows.getDouble("longitude"),
                    rows.getInt("accuracy_m"), fixTime.toInstant(), rows.getBoolean("last_known"),
                    Duration.ofMillis(rows.getLong("position_age_ms"))));
        }
        long sequence = rows.getLong("sos_sequence");
        if (rows.wasNull()) {
            sequence = -1;
        }
        String zoneName = rows.getString("zone_name");
        AlertSnapshot snapshot = new AlertSnapshot(new AlertId(rows.getObject("id", UUID.class)),
                AlertKind.valueOf(rows.getString("kind")), new DeviceId(rows.getLong("device_id")),
                new Child(rows.getString("child_id"), rows.getString("child_name")), sequence,
                zoneName == null ? "" : zoneName, rows.getTimestamp("occurred_at").toInstant(),
                rows.getTimestamp("raised_at").toInstant(), position, rows.getBoolean("late"),
                rows.getInt("battery_percent"), rows.getString("police_name"),
                rows.getBoolean("outside_jurisdiction"), AlertState.valueOf(rows.getString("state")),
                rows.getInt("escalation_level"), rows.getInt("trigger_count"), rows.getInt("update_count"));
        Timestamp escalateAt = rows.getTimestamp("escalate_at");
        String policeId = rows.getString("police_id");
        return new StoredAlert(snapshot, "police:" + (policeId == null ? "fallback" : policeId),
                URI.create(rows.getString("police_endpoint")),
                Optional.ofNullable(escalateAt).map(Timestamp::toInstant),
                Optional.ofNullable(rows.getString("acknowledged_by")));
    }

    /** Moves the alert to {@code state} and sets when its next escalation is due (null for none). */
    public void setState(Connection connection, AlertId id, AlertState state, int escalationLevel,
                         Instant escalateAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alerts SET state = ?, escalation_level = ?, escalate_at = ? WHERE id = ?")) {
            update.setString(1, state.name());
            update.setInt(2, escalationLevel);
            update.setTimestamp(3, escalateAt == null ? null : Timestamp.from(escalateAt));
            update.setObject(4, id.value());
            update.executeUpdate();
        }
    }

    /** RAISED becomes DELIVERED; later states are kept. */
    public void markDelivered(Connection connection, AlertId id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alerts SET state = 'DELIVERED' WHERE id = ? AND state = 'RAISED'")) {
            update.setObject(1, id.value());
            update.executeUpdate();
        }
    }

    public void recordAcknowledgement(Connection connection, AlertId id, String actor, Instant at,
                                      boolean stopEscalation) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alerts SET state = 'ACKNOWLEDGED', "
                + "acknowledged_at = coalesce(acknowledged_at, ?), acknowledged_by = coalesce(acknowledged_by, ?)"
                + (stopEscalation ? ", escalate_at = NULL" : "") + " WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, actor);
            update.setObject(3, id.value());
            update.executeUpdate();
        }
    }

    public void recordResolution(Connection connection, AlertId id, String actor, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alerts SET state = 'RESOLVED', "
                + "resolved_at = ?, resolved_by = ?, escalate_at = NULL WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, actor);
            update.setObject(3, id.value());
            update.executeUpdate();
        }
    }

    /** Moves the RAISED ones of the alerts to DELIVERED. */
    public void markAllDelivered(Connection connection, java.util.Collection<AlertId> ids) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alerts SET state = 'DELIVERED' WHERE id = ANY (?) AND state = 'RAISED'")) {
            update.setArray(1, connection.createArrayOf("uuid",
                    ids.stream().map(AlertId::value).toArray(java.util.UUID[]::new)));
            update.executeUpdate();
        }
    }

    /** Appends many events in one round trip. */
    public void insertEvents(Connection connection, List<AuditEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_events "
                + "(alert_id, at, type, actor, recipient, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (AuditEvent event : events) {
                bindEvent(insert, event);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public void insertEvent(Connection connection, AuditEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alert_events "
                + "(alert_id, at, type, actor, recipient, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            bindEvent(insert, event);
            insert.executeUpdate();
        }
    }

    private static void bindEvent(PreparedStatement insert, AuditEvent event) throws SQLException {
        insert.setObject(1, event.alertId().value());
        insert.setTimestamp(2, Timestamp.from(event.at()));
        insert.setString(3, event.type().name());
        insert.setString(4, event.actor());
        insert.setString(5, event.recipient());
        insert.setString(6, event.detail().length() > 1000 ? event.detail().substring(0, 1000) : event.detail());
    }

    public List<AuditEvent> events(Connection connection, AlertId id) throws SQLException {
        List<AuditEvent> events = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT at, type, actor, recipient, detail FROM alert_events WHERE alert_id = ? ORDER BY id")) {
            query.setObject(1, id.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.add(new AuditEvent(id, rows.getTimestamp(1).toInstant(),
                            AuditEvent.Type.valueOf(rows.getString(2)), rows.getString(3), rows.getString(4),
                            rows.getString(5)));
                }
            }
        }
        return events;
    }
}
