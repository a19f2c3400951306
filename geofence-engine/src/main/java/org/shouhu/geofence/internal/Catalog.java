package org.shouhu.geofence.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Zone;

/**
 * One immutable version of the engine's zones and rules, with the zone index and the rules grouped the way
 * evaluation looks them up. A change builds a new catalog; evaluation keeps reading the one it started with.
 * Thread-safe.
 */
public final class Catalog {

    public static final Catalog EMPTY = new Catalog(Map.of(), Map.of(),
            LayeredZoneIndex.of(List.of(), GridSettings.DEFAULT));

    private final Map<String, Zone> zones;
    private final Map<String, Rule> rules;
    private final LayeredZoneIndex index;
    private final Map<String, List<Rule.LeftZone>> leftZone;
    private final Map<String, List<Rule.ZoneActivity>> activity;
    private final List<Rule.ZoneActivity> anyZoneActivity;
    private final List<Rule.EnteredDanger> danger;
    private final List<Rule> deadlines;

    /** A catalog whose rules are those of {@code sameRules}, grouped already. */
    private Catalog(Map<String, Zone> zones, LayeredZoneIndex index, Catalog sameRules) {
        this.zones = zones;
        this.rules = sameRules.rules;
        this.index = index;
        this.leftZone = sameRules.leftZone;
        this.activity = sameRules.activity;
        this.anyZoneActivity = sameRules.anyZoneActivity;
        this.danger = sameRules.danger;
        this.deadlines = sameRules.deadlines;
    }

    private Catalog(Map<String, Zone> zones, Map<String, Rule> rules, LayeredZoneIndex index) {
        this.zones = zones;
        this.rules = rules;
        this.index = index;
        this.leftZone = new HashMap<>();
        this.activity = new HashMap<>();
        this.anyZoneActivity = new ArrayList<>();
        this.danger = new ArrayList<>();
        this.deadlines = new ArrayList<>();
        for (Rule rule : rules.values()) {
            if (rule instanceof Rule.LeftZone r) {
                leftZone.computeIfAbsent(r.zoneId(), k -> new ArrayList<>()).add(r);
            } else if (rule instanceof Rule.ZoneActivity r && r.zoneId() == null) {
                anyZoneActivity.add(r);
            } else if (rule instanceof Rule.ZoneActivity r) {
                activity.computeIfAbsent(r.zoneId(), k -> new ArrayList<>()).add(r);
            } else if (rule instanceof Rule.EnteredDanger r) {
                danger.add(r);
            } else {
                deadlines.add(rule); // MissedArrival or Curfew
            }
        }
    }

    /**
     * A catalog with the zones added or replaced (by id). The index compiles only the changed zones, into its
     * overlay: milliseconds, whatever the number of zones.
     */
    public Catalog withZones(Collection<Zone> changed) {
        Map<String, Zone> next = new LinkedHashMap<>(zones);
        for (Zone zone : changed) {
            next.put(zone.id(), zone);
        }
        return new Catalog(next, index.with(next, changed.stream().map(Zone::id).toList()), this);
    }

    /** A catalog without the zone; the index hides it. */
    public Catalog withoutZone(String id) {
        Map<String, Zone> next = new LinkedHashMap<>(zones);
        next.remove(id);
        return new Catalog(next, index.with(next, List.of(id)), this);
    }

    /** The same catalog with the index's overlay folded into its main tables (seconds for 100,000 zones). */
    public Catalog folded() {
        return new Catalog(zones, index.folded(zones.values()), this);
    }

    /**
     * This catalog's zones and rules on the main tables of {@code folded}, an earlier catalog folded since: only the
     * changes made after that catalog stay in the overlay.
     */
    public Catalog rebasedOn(Catalog folded) {
        return new Catalog(zones, folded.index.with(zones.values()), this);
    }

    /** A catalog with the rules added or replaced (by id); the zone index is shared. */
    public Catalog withRules(Collection<Rule> changed) {
        Map<String, Rule> next = new LinkedHashMap<>(rules);
        for (Rule rule : changed) {
            next.put(rule.id(), rule);
        }
        return new Catalog(zones, next, index);
    }

    /** A catalog without the rule; the zone index is shared. */
    public Catalog withoutRule(String id) {
        Map<String, Rule> next = new LinkedHashMap<>(rules);
        next.remove(id);
        return new Catalog(zones, next, index);
    }

    public Map<String, Zone> zones() {
        return java.util.Collections.unmodifiableMap(zones);
    }

    public Map<String, Rule> rules() {
        return java.util.Collections.unmodifiableMap(rules);
    }

    public Zone zone(String id) {
        return zones.get(id);
    }

    /**
     * A token that is the same object for two catalogs exactly when they hold the same zones (the same instances by
     * id): a rule change or a fold keeps it, any zone change replaces it. Lets a device keep the zones it stands in
     * between fixes instead of looking each up again.
     */
    public Object zonesVersion() {
        return zones;
    }

    public LayeredZoneIndex index() {
        return index;
    }

    public List<Rule.LeftZone> leftZoneRules(String zoneId) {
        return leftZone.getOrDefault(zoneId, List.of());
    }

    /** Informational rules for the zone: its own, then those for any zone. */
    public List<Rule.ZoneActivity> activityRules(String zoneId) {
        List<Rule.ZoneActivity> own = activity.get(zoneId);
        if (own == null) {
            return anyZoneActivity;
        }
        List<Rule.ZoneActivity> all = new ArrayList<>(own);
        all.addAll(anyZoneActivity);
        return all;
    }

    public List<Rule.EnteredDanger> dangerRules() {
        return danger;
    }

    /** Missed-arrival and curfew rules. */
    public List<Rule> deadlineRules() {
        return deadlines;
    }
}
