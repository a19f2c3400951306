package org.shouhu.alert.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.Language;
import org.shouhu.alert.MessageKind;

/**
 * SQL on {@code alert_outbox}. Every method works inside the caller's transaction on the given connection and
 * never commits. Stateless and thread-safe.
 */
public final class OutboxRepository {

    private static final String NOT_NEEDED_ONCE_DELIVERED =
            "(status = 'STANDBY' OR (status = 'PENDING' AND lease_owner IS NULL))";

    /** One channel of a recipient, as recorded on its ALERT rows. */
    public record Channel(ChannelKind kind, int rank, String address) {
    }

    /** A recipient of an alert and its channels, in rank order. */
    public record Recipient(String key, String name, Language language, int escalationLevel, boolean told,
                            List<Channel> channels) {
    }

    private static final String INSERT = "INSERT INTO alert_outbox (alert_id, recipient_key, recipient_name, "
            + "language, message_kind, message_number, channel_kind, channel_rank, address, idempotency_key, "
            + "content_type, body, escalation_level, priority, status, next_attempt_at, created_at, fix_time, "
            + "lease_owner, lease_until, attempts) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (idempotency_key, channel_rank) DO NOTHING";

    public void insert(Connection connection, List<OutboxEntry> entries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (OutboxEntry e : entries) {
                bind(insert, e, null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Inserts the rows and leases those to deliver now (PENDING) to {@code lease}'s owner, as a claim would, with
     * this first attempt counted: the caller hands them straight to that dispatcher, so no claim query stands
     * between the commit and the first attempt. The lease makes the rows invisible to every other claim until it
     * runs out; if the owner dies before recording an outcome, they are delivered like any other orphaned claim.
     *
     * @return the rows leased, as claimed messages, in the order given
     */
    public List<ClaimedMessage> insertLeased(Connection connection, List<OutboxEntry> entries, OutboxLease lease)
            throws SQLException {
        Map<String, OutboxEntry> leased = new LinkedHashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT,
                new String[] {"id", "idempotency_key", "channel_rank"})) {
            for (OutboxEntry e : entries) {
                boolean now = e.status() == OutboxStatus.PENDING;
                bind(insert, e, now ? lease : null);
                insert.addBatch();
                if (now) {
                    leased.put(e.idempotencyKey() + "#" + e.channelRank(), e);
                }
            }
            insert.executeBatch();
            List<ClaimedMessage> claimed = new ArrayList<>(leased.size());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    OutboxEntry entry = leased.get(keys.getString(2) + "#" + keys.getInt(3));
                    if (entry != null) {
                        claimed.add(ClaimedMessage.firstAttempt(keys.getLong(1), entry));
                    }
                }
            }
            return claimed;
        }
    }

    private static void bind(PreparedStatement insert, OutboxEntry e, OutboxLease lease) throws SQLException {
        int i = 0;
        insert.setObject(++i, e.alertId().value());
        insert.setString(++i, e.recipientKey());
        insert.setString(++i, e.recipientName());
        insert.setString(++i, e.language().tag());
        insert.setString(++i, e.messageKind().name());
        insert.setInt(++i, e.messageNumber());
        insert.setString(++i, e.channelKind().name());
        insert.setInt(++i, e.channelRank());
        insert.setString(++i, e.address());
        insert.setString(++i, e.idempotencyKey());
        insert.setString(++i, e.contentType());
        insert.setString(++i, e.body());
        insert.setInt(++i, e.escalationLevel());
        insert.setInt(++i, e.priority());
        insert.setString(++i, e.status().name());
        insert.setTimestamp(++i, Timestamp.from(e.createdAt()));
        insert.setTimestamp(++i, Timestamp.from(e.createdAt()));
        insert.setTimestamp(++i, e.fixTime() == null ? null : Timestamp.from(e.fixTime()));
        insert.setString(++i, lease == null ? null : lease.owner());
        insert.setTimestamp(++i, lease == null ? null : Timestamp.from(lease.until()));
        insert.setInt(++i, lease == null ? 0 : 1);
    }

    /**
     * Claims up to {@code limit} due rows for {@code owner} until {@code leaseUntil}, most urgent first. SKIP LOCKED
     * lets several instances claim at once without waiting on each other or claiming the same row; the lease keeps
     * a row from being claimed again while its delivery is under way, and frees it if this instance dies.
     */
    public List<ClaimedMessage> claim(Connection connection, String owner, Instant now, Instant leaseUntil, int limit)
            throws SQLException {
        String sql = "UPDATE alert_outbox o SET lease_owner = ?, lease_until = ?, attempts = o.attempts + 1 "
                + "FROM (SELECT id FROM alert_outbox WHERE status = 'PENDING' AND next_attempt_at <= ? "
                + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY priority, next_attempt_at, id LIMIT ? "
                + "FOR UPDATE SKIP LOCKED) due WHERE o.id = due.id RETURNING o.*";
        List<ClaimedMessage> claimed = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, owner);
            update.setTimestamp(2, Timestamp.from(leaseUntil));
            update.setTimestamp(3, Timestamp.from(now));
            update.setTimestamp(4, Timestamp.from(now));
            update.setInt(5, limit);
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    claimed.add(claimedFrom(rows));
                }
            }
        }
        return claimed;
    }

    private static ClaimedMessage claimedFrom(ResultSet rows) throws SQLException {
        Timestamp fixTime = rows.getTimestamp("fix_time");
        return new ClaimedMessage(rows.getLong("id"), new AlertId(rows.getObject("alert_id", java.util.UUID.class)),
                rows.getString("recipient_key"), MessageKind.valueOf(rows.getString("message_kind")),
                rows.getInt("message_number"), ChannelKind.valueOf(rows.getString("channel_kind")),
                rows.getInt("channel_rank"), rows.getString("address"), rows.getString("idempotency_key"),
                rows.getString("content_type"), rows.getString("body"), rows.getInt("attempts"),
                fixTime == null ? null : fixTime.toInstant());
    }

    /**
     * Frees the rows still leased by earlier runs of this instance: they died with their process (a crash or a
     * kill), so waiting out their lease would only delay the alert. Runs with a different instance name are left
     * alone; they may still be alive.
     *
     * @return how many rows were freed
     */
    public int releaseEarlierRuns(Connection connection, String instanceId, String currentOwner) throws SQLException {
        String sql = "UPDATE alert_outbox SET lease_owner = NULL, lease_until = NULL "
                + "WHERE status = 'PENDING' AND lease_owner LIKE ? AND lease_owner <> ?";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, instanceId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
            update.setString(2, currentOwner);
            return update.executeUpdate();
        }
    }

    /** Marks the claimed row delivered; false when the lease was lost (the row was claimed again elsewhere). */
    public boolean markDelivered(Connection connection, ClaimedMessage message, String owner, Instant now)
            throws SQLException {
        return finish(connection, message, owner, "status = 'DELIVERED', delivered_at = ?, last_error = NULL", now,
                null);
    }

    /**
     * Marks many claimed rows delivered in one statement.
     *
     * @return the ids of the rows marked; a row missing from it had lost its lease
     */
    public java.util.Set<Long> markAllDelivered(Connection connection, List<ClaimedMessage> messages, String owner,
                                               Instant now) throws SQLException {
        String sql = "UPDATE alert_outbox o SET status = 'DELIVERED', delivered_at = ?, last_error = NULL, "
                + "lease_owner = NULL, lease_until = NULL FROM unnest(?::bigint[], ?::integer[]) AS d(id, attempts) "
                + "WHERE o.id = d.id AND o.attempts = d.attempts AND o.lease_owner = ? AND o.status = 'PENDING' "
                + "RETURNING o.id";
        Long[] ids = new Long[messages.size()];
        Integer[] attempts = new Integer[messages.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = messages.get(i).id();
            attempts[i] = messages.get(i).attempts();
        }
        java.util.Set<Long> marked = new java.util.HashSet<>();
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setArray(2, connection.createArrayOf("bigint", ids));
            update.setArray(3, connection.createArrayOf("integer", attempts));
            update.setString(4, owner);
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    marked.add(rows.getLong(1));
                }
            }
        }
        return marked;
    }

    /** Cancels the other channels of messages that have now been delivered (see {@link #cancelStandby}). */
    public void cancelAllStandby(Connection connection, List<String> idempotencyKeys) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alert_outbox SET status = 'CANCELLED' "
                + "WHERE idempotency_key = ANY (?) AND " + NOT_NEEDED_ONCE_DELIVERED)) {
            update.setArray(1, connection.createArrayOf("text", idempotencyKeys.toArray(new String[0])));
            update.executeUpdate();
        }
    }

    /** One retriable failure to record: the claimed row, when to try again, and why it failed. */
    public record Retry(ClaimedMessage message, Instant nextAttempt, String error) {
    }

    /**
     * Returns many claimed rows to PENDING with their next attempts, in one statement; then cancels, in one more,
     * those whose message another channel has delivered meanwhile (their attempt was under way when that happened,
     * so the cancellation then passed them by).
     *
     * @return per row id still leased to {@code owner}: whether its retry stands (true) or was cancelled (false); a
     *         row missing from it had lost its lease
     */
    public Map<Long, Boolean> markAllRetry(Connection connection, List<Retry> retries, String owner)
            throws SQLException {
        String sql = "UPDATE alert_outbox o SET next_attempt_at = r.next, last_error = r.error, lease_owner = NULL, "
                + "lease_until = NULL FROM unnest(?::bigint[], ?::integer[], ?::text[]::timestamptz[], ?::text[]) "
                + "AS r(id, attempts, next, error) WHERE o.id = r.id AND o.attempts = r.attempts "
                + "AND o.lease_owner = ? AND o.status = 'PENDING' RETURNING o.id";
        int n = retries.size();
        Long[] ids = new Long[n];
        Integer[] attempts = new Integer[n];
        // ISO-8601 in UTC: parsed the same whatever the session's time zone.
        String[] next = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            Retry retry = retries.get(i);
            ids[i] = retry.message().id();
            attempts[i] = retry.message().attempts();
            next[i] = retry.nextAttempt().toString();
            errors[i] = truncate(retry.error());
        }
        Map<Long, Boolean> marked = new java.util.HashMap<>();
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setArray(1, connection.createArrayOf("bigint", ids));
            update.setArray(2, connection.createArrayOf("integer", attempts));
            update.setArray(3, connection.createArrayOf("text", next));
            update.setArray(4, connection.createArrayOf("text", errors));
            update.setString(5, owner);
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    marked.put(rows.getLong(1), true);
                }
            }
        }
        if (marked.isEmpty()) {
            return marked;
        }
        try (PreparedStatement cancel = connection.prepareStatement("UPDATE alert_outbox o SET status = 'CANCELLED' "
                + "WHERE o.id = ANY (?) AND o.status = 'PENDING' AND EXISTS (SELECT 1 FROM alert_outbox d "
                + "WHERE d.idempotency_key = o.idempotency_key AND d.status = 'DELIVERED') RETURNING o.id")) {
            cancel.setArray(1, connection.createArrayOf("bigint", marked.keySet().toArray(new Long[0])));
            try (ResultSet rows = cancel.executeQuery()) {
                while (rows.next()) {
                    marked.put(rows.getLong(1), false);
                }
            }
        }
        return marked;
    }

    /** Returns the row to PENDING with its next attempt at {@code nextAttempt}. */
    public boolean markRetry(Connection connection, ClaimedMessage message, String owner, Instant nextAttempt,
                             String error) throws SQLException {
        return finish(connection, message, owner, "next_attempt_at = ?, last_error = ?", nextAttempt, error);
    }

    /** Marks the row FAILED: this channel will never carry this message. */
    public boolean markFailed(Connection connection, ClaimedMessage message, String owner, String error)
            throws SQLException {
        return finish(connection, message, owner, "status = 'FAILED', last_error = ?", null, error);
    }

    private boolean finish(Connection connection, ClaimedMessage message, String owner, String set, Instant time,
                           String error) throws SQLException {
        String sql = "UPDATE alert_outbox SET " + set + ", lease_owner = NULL, lease_until = NULL "
                + "WHERE id = ? AND lease_owner = ? AND attempts = ? AND status = 'PENDING'";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 0;
            if (time != null) {
                update.setTimestamp(++i, Timestamp.from(time));
            }
            if (error != null) {
                update.setString(++i, truncate(error));
            }
            update.setLong(++i, message.id());
            update.setString(++i, owner);
            update.setInt(++i, message.attempts());
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Activates the recipient's next channel in STANDBY for the same message.
     *
     * @return the address of the channel activated, empty when there is none left
     */
    public Optional<String> activateNextChannel(Connection connection, ClaimedMessage message, Instant now)
            throws SQLException {
        String sql = "UPDATE alert_outbox SET status = 'PENDING', next_attempt_at = ? WHERE id = ("
                + "SELECT id FROM alert_outbox WHERE idempotency_key = ? AND status = 'STANDBY' "
                + "ORDER BY channel_rank LIMIT 1) RETURNING address";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, message.idempotencyKey());
            try (ResultSet rows = update.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Cancels the recipient's other channels for a message that has now been delivered: those in standby and those
     * waiting for a retry. A channel whose attempt is under way (leased) finishes it; the receiver drops the repeat.
     */
    public void cancelStandby(Connection connection, ClaimedMessage message) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alert_outbox SET status = 'CANCELLED' WHERE idempotency_key = ? AND "
                        + NOT_NEEDED_ONCE_DELIVERED)) {
            update.setString(1, message.idempotencyKey());
            update.executeUpdate();
        }
    }

    /**
     * Cancels the row's scheduled retry when another channel has delivered the same message meanwhile (its attempt
     * was under way when that happened, so the cancellation then passed it by).
     *
     * @return whether the retry was cancelled
     */
    public boolean cancelRetryIfDeliveredElsewhere(Connection connection, ClaimedMessage message)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alert_outbox SET status = 'CANCELLED' "
                + "WHERE id = ? AND status = 'PENDING' AND EXISTS (SELECT 1 FROM alert_outbox d "
                + "WHERE d.idempotency_key = ? AND d.status = 'DELIVERED')")) {
            update.setLong(1, message.id());
            update.setString(2, message.idempotencyKey());
            return update.executeUpdate() == 1;
        }
    }

    /** Whether any channel of the message is still PENDING or STANDBY. */
    public boolean anyChannelLeft(Connection connection, String idempotencyKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM alert_outbox WHERE idempotency_key = ? AND status IN ('PENDING', 'STANDBY')")) {
            query.setString(1, idempotencyKey);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Releases the rows HELD for an escalation level; returns how many recipients were released. */
    public int releaseLevel(Connection connection, AlertId alertId, int level, Instant now) throws SQLException {
        String sql = "UPDATE alert_outbox SET status = CASE WHEN channel_rank = 0 THEN 'PENDING' ELSE 'STANDBY' END, "
                + "next_attempt_at = ? WHERE alert_id = ? AND status = 'HELD' AND escalation_level = ? "
                + "RETURNING recipient_key";
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setObject(2, alertId.value());
            update.setInt(3, level);
            try (ResultSet rows = update.executeQuery()) {
                java.util.Set<String> recipients = new java.util.HashSet<>();
                while (rows.next()) {
                    recipients.add(rows.getString(1));
                }
                return recipients.size();
            }
        }
    }

    /** Cancels the rows still held for a later escalation level (nobody else needs to be told). */
    public void cancelHeld(Connection connection, AlertId alertId) throws SQLException {
        cancel(connection, alertId, "('HELD')");
    }

    /** Cancels every row still waiting for an escalation level or a channel fallback (the alert is closed). */
    public void cancelWaiting(Connection connection, AlertId alertId) throws SQLException {
        cancel(connection, alertId, "('HELD', 'STANDBY')");
    }

    private static void cancel(Connection connection, AlertId alertId, String statuses) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE alert_outbox SET status = 'CANCELLED' "
                + "WHERE alert_id = ? AND status IN " + statuses)) {
            update.setObject(1, alertId.value());
            update.executeUpdate();
        }
    }

    /**
     * The alert's recipients with their channels, from the ALERT rows. {@code told} is true when the recipient's
     * alert was released (not still HELD or cancelled before release).
     */
    public List<Recipient> recipients(Connection connection, AlertId alertId) throws SQLException {
        String sql = "SELECT recipient_key, recipient_name, language, escalation_level, channel_kind, channel_rank, "
                + "address, status FROM alert_outbox WHERE alert_id = ? AND message_kind = 'ALERT' "
                + "ORDER BY escalation_level, recipient_key, channel_rank";
        Map<String, List<Object[]>> byKey = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, alertId.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byKey.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(new Object[] {
                            rows.getString(2), rows.getString(3), rows.getInt(4),
                            new Channel(ChannelKind.valueOf(rows.getString(5)), rows.getInt(6), rows.getString(7)),
                            OutboxStatus.valueOf(rows.getString(8))});
                }
            }
        }
        List<Recipient> recipients = new ArrayList<>();
        byKey.forEach((key, rows) -> {
            Object[] first = rows.get(0);
            boolean told = rows.stream().anyMatch(r -> r[4] == OutboxStatus.PENDING || r[4] == OutboxStatus.DELIVERED
                    || r[4] == OutboxStatus.FAILED);
            recipients.add(new Recipient(key, (String) first[0], Language.forTag((String) first[1]), (int) first[2],
                    told, rows.stream().map(r -> (Channel) r[3]).toList()));
        });
        return recipients;
    }

    /** An UPDATE to one recipient that no channel has attempted yet: its number and its rows, now locked. */
    public record UnsentUpdate(int number, List<Long> rowIds, List<Integer> channelRanks) {
    }

    /**
     * The newest UPDATE to the recipient that no channel has attempted yet, its rows locked: a storm of changes is
     * folded into it instead of queueing another update behind it. Rows a dispatcher is claiming right now are
     * skipped rather than waited for, so this never deadlocks with a claim.
     */
    public Optional<UnsentUpdate> lockUnsentUpdate(Connection connection, AlertId alertId, String recipientKey)
            throws SQLException {
        String sql = "SELECT id, message_number, channel_rank FROM alert_outbox WHERE alert_id = ? "
                + "AND recipient_key = ? AND message_kind = 'UPDATE' AND status IN ('PENDING', 'STANDBY') "
                + "AND attempts = 0 AND lease_owner IS NULL ORDER BY message_number DESC, channel_rank "
                + "FOR UPDATE SKIP LOCKED";
        Integer number = null;
        List<Long> ids = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, alertId.value());
            query.setString(2, recipientKey);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (number == null) {
                        number = rows.getInt(2);
                    }
                    if (rows.getInt(2) == number) {
                        ids.add(rows.getLong(1));
                        ranks.add(rows.getInt(3));
                    }
                }
            }
        }
        return number == null ? Optional.empty() : Optional.of(new UnsentUpdate(number, ids, ranks));
    }

    /** Replaces the body of one row locked by {@link #lockUnsentUpdate}. */
    public void replaceBody(Connection connection, long rowId, String body) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE alert_outbox SET body = ? WHERE id = ?")) {
            update.setString(1, body);
            update.setLong(2, rowId);
            update.executeUpdate();
        }
    }

    /** Rows of an alert by status, for tests and diagnostics. */
    public Map<OutboxStatus, Integer> countByStatus(Connection connection, AlertId alertId) throws SQLException {
        Map<OutboxStatus, Integer> counts = new java.util.EnumMap<>(OutboxStatus.class);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT status, count(*) FROM alert_outbox WHERE alert_id = ? GROUP BY status")) {
            query.setObject(1, alertId.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(OutboxStatus.valueOf(rows.getString(1)), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private static String truncate(String error) {
        return error.length() > 500 ? error.substring(0, 500) : error;
    }
}
