package org.shouhu.server.directory;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.shouhu.alert.ChannelAddress;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.Language;
import org.shouhu.protocol.DeviceId;

/** Reads and writes the directory tables. Blocking JDBC: call off the event loop. Thread-safe. */
public final class DirectoryRepository {

    private final DataSource dataSource;

    public DirectoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts or updates every entry of {@code content} in one transaction; entries not named are kept. */
    public void upsert(DirectoryContent content) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                upsertJurisdictions(connection, content.jurisdictions());
                upsertGuardians(connection, content.guardians());
                upsertChildren(connection, content.children());
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void upsertJurisdictions(Connection connection, List<PoliceJurisdictionEntry> entries)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO jurisdictions (id, name, boundary, cap_endpoint) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, boundary = excluded.boundary,
                    cap_endpoint = excluded.cap_endpoint, updated_at = now()""")) {
            for (PoliceJurisdictionEntry entry : entries) {
                statement.setString(1, entry.id());
                statement.setString(2, entry.name());
                statement.setString(3, entry.boundaryGeoJson());
                statement.setString(4, entry.capEndpoint().toString());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void upsertGuardians(Connection connection, List<Guardian> guardians) throws SQLException {
        try (PreparedStatement guardian = connection.prepareStatement("""
                INSERT INTO guardians (id, name, language) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, language = excluded.language,
                    updated_at = now()""");
             PreparedStatement forget = connection.prepareStatement("DELETE FROM guardian_channels WHERE guardian_id = ?");
             PreparedStatement channel = connection.prepareStatement(
                     "INSERT INTO guardian_channels (guardian_id, priority, kind, address) VALUES (?, ?, ?, ?)")) {
            for (Guardian entry : guardians) {
                guardian.setString(1, entry.id());
                guardian.setString(2, entry.name());
                guardian.setString(3, entry.language().tag());
                guardian.addBatch();
                forget.setString(1, entry.id());
                forget.addBatch();
                for (int i = 0; i < entry.channels().size(); i++) {
                    ChannelAddress address = entry.channels().get(i);
                    channel.setString(1, entry.id());
                    channel.setInt(2, i);
                    channel.setString(3, address instanceof ChannelAddress.Sms ? "sms" : "webhook");
                    channel.setString(4, address.address());
                    channel.addBatch();
                }
            }
            guardian.executeBatch();
            forget.executeBatch();
            channel.executeBatch();
        }
    }

    private static void upsertChildren(Connection connection, List<ChildEntry> children) throws SQLException {
        try (PreparedStatement child = connection.prepareStatement("""
                INSERT INTO children (id, name, device_id) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, device_id = excluded.device_id,
                    updated_at = now()""");
             PreparedStatement forget = connection.prepareStatement("DELETE FROM child_guardians WHERE child_id = ?");
             PreparedStatement link = connection.prepareStatement(
                     "INSERT INTO child_guardians (child_id, guardian_id, priority) VALUES (?, ?, ?)")) {
            for (ChildEntry entry : children) {
                child.setString(1, entry.id());
                child.setString(2, entry.name());
                child.setLong(3, entry.device().imei());
                child.addBatch();
                forget.setString(1, entry.id());
                forget.addBatch();
                for (int i = 0; i < entry.guardianIds().size(); i++) {
                    link.setString(1, entry.id());
                    link.setString(2, entry.guardianIds().get(i));
                    link.setInt(3, i);
                    link.addBatch();
                }
            }
            child.executeBatch();
            forget.executeBatch();
            link.executeBatch();
        }
    }

    /** Everything in the directory. */
    public DirectoryContent load() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                return new DirectoryContent(loadJurisdictions(connection), loadGuardians(connection),
                        loadChildren(connection));
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<PoliceJurisdictionEntry> loadJurisdictions(Connection connection) throws SQLException {
        List<PoliceJurisdictionEntry> result = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, name, boundary, cap_endpoint FROM jurisdictions ORDER BY id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.add(new PoliceJurisdictionEntry(rows.getString(1), rows.getString(2), rows.getString(3),
                        URI.create(rows.getString(4))));
            }
        }
        return result;
    }

    private static List<Guardian> loadGuardians(Connection connection) throws SQLException {
        Map<String, String[]> people = new LinkedHashMap<>();
        Map<String, List<ChannelAddress>> channels = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT g.id, g.name, g.language, c.kind, c.address
                FROM guardians g JOIN guardian_channels c ON c.guardian_id = g.id
                ORDER BY g.id, c.priority""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                people.putIfAbsent(id, new String[] {rows.getString(2), rows.getString(3)});
                String address = rows.getString(5);
                channels.computeIfAbsent(id, k -> new ArrayList<>()).add("sms".equals(rows.getString(4))
                        ? new ChannelAddress.Sms(address) : new ChannelAddress.Webhook(URI.create(address)));
            }
        }
        List<Guardian> result = new ArrayList<>();
        people.forEach((id, person) ->
                result.add(new Guardian(id, person[0], Language.forTag(person[1]), channels.get(id))));
        return result;
    }

    private static List<ChildEntry> loadChildren(Connection connection) throws SQLException {
        Map<String, Object[]> byId = new LinkedHashMap<>();
        Map<String, List<String>> guardians = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT c.id, c.name, c.device_id, g.guardian_id
                FROM children c JOIN child_guardians g ON g.child_id = c.id
                ORDER BY c.id, g.priority""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                byId.putIfAbsent(id, new Object[] {rows.getString(2), new DeviceId(rows.getLong(3))});
                guardians.computeIfAbsent(id, k -> new ArrayList<>()).add(rows.getString(4));
            }
        }
        List<ChildEntry> result = new ArrayList<>();
        byId.forEach((id, child) ->
                result.add(new ChildEntry(id, (String) child[0], (DeviceId) child[1], guardians.get(id))));
        return result;
    }
}
