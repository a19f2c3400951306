package org.shouhu.server.geofence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.RuleJson;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneGeoJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zones and rules in {@code geofence_zones} and {@code geofence_rules}, each stored as the JSON document the API
 * speaks (zones as WGS-84 GeoJSON Features). Blocking JDBC; call off the event loop. Thread-safe.
 */
final class ZoneRepository {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneRepository.class);

    private final DataSource dataSource;

    ZoneRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every stored zone. A row that no longer reads as a zone is logged and skipped. */
    List<Zone> zones() throws SQLException {
        List<Zone> zones = new ArrayList<>();
        for (String[] row : rows("SELECT id, feature::text FROM geofence_zones ORDER BY created_at, id")) {
            try {
                zones.addAll(ZoneGeoJson.read(row[1]));
            } catch (RuntimeException e) {
                LOG.error("stored zone {} cannot be read and is not evaluated: {}", row[0], e.getMessage());
            }
        }
        return zones;
    }

    /** Every stored rule. A row that no longer reads as a rule is logged and skipped. */
    List<Rule> rules() throws SQLException {
        List<Rule> rules = new ArrayList<>();
        for (String[] row : rows("SELECT id, rule::text FROM geofence_rules ORDER BY created_at, id")) {
            try {
                rules.addAll(RuleJson.read(row[1]));
            } catch (RuntimeException e) {
                LOG.error("stored rule {} cannot be read and is not evaluated: {}", row[0], e.getMessage());
            }
        }
        return rules;
    }

    /** Inserts or replaces the zones, in one transaction. */
    void putZones(List<Zone> zones) throws SQLException {
        inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO geofence_zones (id, kind, feature) VALUES (?, ?, ?::jsonb) ON CONFLICT (id) DO UPDATE "
                            + "SET kind = excluded.kind, feature = excluded.feature, updated_at = now()")) {
                for (Zone zone : zones) {
                    upsert.setString(1, zone.id());
                    upsert.setString(2, zone.kind().code());
                    upsert.setString(3, ZoneDocuments.feature(zone).encode());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    /** Deletes the zone and the rules bound to it; returns the ids of those rules, or null when the zone did not exist. */
    List<String> deleteZone(String id) throws SQLException {
        List<String> rules = new ArrayList<>();
        boolean[] existed = new boolean[1];
        inTransaction(connection -> {
            try (PreparedStatement deleteRules = connection.prepareStatement(
                    "DELETE FROM geofence_rules WHERE zone_id = ? RETURNING id")) {
                deleteRules.setString(1, id);
                try (ResultSet deleted = deleteRules.executeQuery()) {
                    while (deleted.next()) {
                        rules.add(deleted.getString(1));
                    }
                }
            }
            try (PreparedStatement deleteZone = connection.prepareStatement("DELETE FROM geofence_zones WHERE id = ?")) {
                deleteZone.setString(1, id);
                existed[0] = deleteZone.executeUpdate() == 1;
            }
        });
        return existed[0] ? rules : null;
    }

    /** Inserts or replaces the rules, in one transaction. */
    void putRules(List<Rule> rules) throws SQLException {
        inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO geofence_rules (id, zone_id, rule) VALUES (?, ?, ?::jsonb) ON CONFLICT (id) DO UPDATE "
                            + "SET zone_id = excluded.zone_id, rule = excluded.rule, updated_at = now()")) {
                for (Rule rule : rules) {
                    upsert.setString(1, rule.id());
                    upsert.setString(2, ZoneDocuments.zoneOf(rule));
                    upsert.setString(3, ZoneDocuments.rule(rule).encode());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        });
    }

    /** Deletes a rule; returns whether it existed. */
    boolean deleteRule(String id) throws SQLException {
        boolean[] existed = new boolean[1];
        inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM geofence_rules WHERE id = ?")) {
                delete.setString(1, id);
                existed[0] = delete.executeUpdate() == 1;
            }
        });
        return existed[0];
    }

    private List<String[]> rows(String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new String[] {result.getString(1), result.getString(2)});
            }
            Transactions.endRead(connection);
        }
        return rows;
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                work.run(connection);
                Transactions.commit(connection);
            } catch (SQLException | RuntimeException e) {
                Transactions.rollback(connection);
                throw e;
            }
        }
    }
}
