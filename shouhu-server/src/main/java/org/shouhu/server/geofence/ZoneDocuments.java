package org.shouhu.server.geofence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.RuleJson;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneGeoJson;

/** The JSON documents of single zones and rules, cut from the engine's collection writers. Stateless. */
final class ZoneDocuments {

    private ZoneDocuments() {
    }

    /** One zone as a GeoJSON Feature in WGS-84. */
    static JsonObject feature(Zone zone) {
        return new JsonObject(ZoneGeoJson.write(List.of(zone))).getJsonArray("features").getJsonObject(0);
    }

    /** Zones as a GeoJSON FeatureCollection in WGS-84. */
    static JsonObject collection(Collection<Zone> zones) {
        return new JsonObject(ZoneGeoJson.write(zones));
    }

    /** One rule as a JSON object. */
    static JsonObject rule(Rule rule) {
        return new JsonObject(RuleJson.write(List.of(rule))).getJsonArray("rules").getJsonObject(0);
    }

    /** Rules as {@code {"rules":[...]}}. */
    static JsonObject rules(Collection<Rule> rules) {
        return new JsonObject(RuleJson.write(rules));
    }

    static JsonArray ids(Collection<String> ids) {
        return new JsonArray(List.copyOf(ids));
    }

    /** The zone a rule is bound to, or null for rules that watch every zone of a kind (danger, any-zone activity). */
    static String zoneOf(Rule rule) {
        if (rule instanceof Rule.LeftZone r) {
            return r.zoneId();
        } else if (rule instanceof Rule.MissedArrival r) {
            return r.zoneId();
        } else if (rule instanceof Rule.Curfew r) {
            return r.zoneId();
        } else if (rule instanceof Rule.ZoneActivity r) {
            return r.zoneId();
        }
        return null;
    }
}
