package org.shouhu.server.geofence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.geofence.GeofenceEngine;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Zone;

/**
 * The zones and rules in force: stored in PostgreSQL and applied to the running engine. Every change is written to
 * the database first and then swapped into the engine, so evaluation never pauses and a change survives a restart
 * once it has been acknowledged. Used by the zone API and by anything else that manages zones (the demo, the
 * guardian API). Blocking: call off the event loop. Changes are serialized; reads are lock-free.
 *
 * <p>Failures: {@link IllegalArgumentException} for a change that is not acceptable (permanent),
 * {@link ZoneConflictException} when creating what exists, {@link GeofenceStoreException} when the database failed
 * (retriable; nothing was changed).
 */
public final class ZoneCatalog {

    private final ZoneRepository repository;
    private final GeofenceEngine engine;

    ZoneCatalog(ZoneRepository repository, GeofenceEngine engine) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Loads every stored zone and rule into the engine. */
    synchronized void load() {
        List<Zone> zones = stored(repository::zones);
        List<Rule> rules = stored(repository::rules);
        engine.putZones(zones);
        engine.putRules(rules);
    }

    public List<Zone> zones() {
        return engine.zones();
    }

    public Optional<Zone> zone(String id) {
        return engine.zone(id);
    }

    public List<Rule> rules() {
        return engine.rules();
    }

    public Optional<Rule> rule(String id) {
        return engine.rules().stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /** Creates zones that do not exist yet, all or none. */
    public synchronized void createZones(List<Zone> zones) {
        for (Zone zone : zones) {
            if (engine.zone(zone.id()).isPresent()) {
                throw new ZoneConflictException("zone " + zone.id() + " already exists; change it with PUT");
            }
        }
        write(() -> repository.putZones(zones));
        engine.putZones(zones);
    }

    /** Creates or replaces a zone; returns true when it was created. */
    public synchronized boolean putZone(Zone zone) {
        boolean created = engine.zone(zone.id()).isEmpty();
        write(() -> repository.putZones(List.of(zone)));
        engine.putZones(List.of(zone));
        return created;
    }

    /**
     * Deletes a zone and the rules that watch it. Devices' standing in it is forgotten without an exit alert.
     *
     * @return the ids of the rules deleted with it, or empty when the zone did not exist
     */
    public synchronized Optional<List<String>> deleteZone(String id) {
        List<String> rules = stored(() -> repository.deleteZone(id));
        if (rules == null) {
            return Optional.empty();
        }
        rules.forEach(engine::removeRule);
        engine.removeZone(id);
        return Optional.of(rules);
    }

    /** Creates rules that do not exist yet, all or none. */
    public synchronized void createRules(List<Rule> rules) {
        for (Rule rule : rules) {
            if (rule(rule.id()).isPresent()) {
                throw new ZoneConflictException("rule " + rule.id() + " already exists; change it with PUT");
            }
        }
        putRules(rules);
    }

    /** Creates or replaces rules, all or none; returns the ids that were new. */
    public synchronized List<String> putRules(List<Rule> rules) {
        List<String> created = new ArrayList<>();
        for (Rule rule : rules) {
            String zone = ZoneDocuments.zoneOf(rule);
            if (zone != null && engine.zone(zone).isEmpty()) {
                throw new IllegalArgumentException("rule " + rule.id() + " watches zone " + zone
                        + ", which does not exist");
            }
            if (rule(rule.id()).isEmpty()) {
                created.add(rule.id());
            }
        }
        write(() -> repository.putRules(rules));
        engine.putRules(rules);
        return created;
    }

    /** Deletes a rule; returns whether it existed. */
    public synchronized boolean deleteRule(String id) {
        boolean existed = stored(() -> repository.deleteRule(id));
        engine.removeRule(id);
        return existed;
    }

    private interface Read<T> {
        T run() throws SQLException;
    }

    private interface Write {
        void run() throws SQLException;
    }

    private static <T> T stored(Read<T> read) {
        try {
            return read.run();
        } catch (SQLException e) {
            throw new GeofenceStoreException("zone store failed: " + e.getMessage(), e);
        }
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (SQLException e) {
            throw new GeofenceStoreException("zone store failed: " + e.getMessage(), e);
        }
    }
}
