package org.shouhu.geofence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.shouhu.geofence.internal.GeoJsonFeatures;
import org.shouhu.protocol.DeviceId;

/**
 * Rules as JSON: {@code {"rules":[rule, ...]}} or a single rule object. A rule has {@code id}, {@code type}
 * ({@code leftZone}, {@code enteredDanger}, {@code missedArrival}, {@code curfew}, {@code zoneActivity}),
 * {@code guardians} (array of guardian ids, required), optional {@code devices} (15-digit ids; absent: every device
 * the zone serves), and by type: {@code zone}; {@code schedule}; {@code dangerKinds}; {@code from}, {@code deadline};
 * {@code at}; {@code days}. A schedule is {@code {"days":["MONDAY",...], "windows":[{"from":"07:30","to":"16:30"}],
 * "holidays":["2026-10-01"], "extraDays":["2026-09-27"]}}, every member optional (absent schedule: always). See
 * docs/geofence.md. Stateless and thread-safe.
 */
public final class RuleJson {

    private RuleJson() {
    }

    /**
     * Reads rules.
     *
     * @throws IllegalArgumentException naming the first bad rule; nothing is returned then
     */
    public static List<Rule> read(String json) {
        JsonNode root;
        try {
            root = GeoJsonFeatures.JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rules are not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with a 'rules' array, or one rule");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.has("rules")) {
            root.get("rules").forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String ref = node.path("id").asText("#" + i);
            try {
                Rule rule = rule(node);
                if (!ids.add(rule.id())) {
                    throw new IllegalArgumentException("duplicate rule id");
                }
                rules.add(rule);
            } catch (IllegalArgumentException | DateTimeException | NullPointerException e) {
                throw new IllegalArgumentException("rule " + ref + ": " + e.getMessage(), e);
            }
        }
        return rules;
    }

    private static Rule rule(JsonNode n) {
        String id = text(n, "id");
        Set<DeviceId> devices = set(n.get("devices"), DeviceId::parse);
        Set<String> guardians = set(n.get("guardians"), s -> s);
        String type = text(n, "type");
        return switch (type) {
            case "leftZone" -> new Rule.LeftZone(id, text(n, "zone"), schedule(n.get("schedule")), devices, guardians);
            case "enteredDanger" -> new Rule.EnteredDanger(id, set(n.get("dangerKinds"), DangerKind::fromCode),
                    schedule(n.get("schedule")), devices, guardians);
            case "missedArrival" -> new Rule.MissedArrival(id, text(n, "zone"), LocalTime.parse(text(n, "from")),
                    LocalTime.parse(text(n, "deadline")), schedule(n.get("days")), devices, guardians);
            case "curfew" -> new Rule.Curfew(id, text(n, "zone"), LocalTime.parse(text(n, "at")),
                    schedule(n.get("days")), devices, guardians);
            case "zoneActivity" -> new Rule.ZoneActivity(id, n.hasNonNull("zone") ? text(n, "zone") : null,
                    devices, guardians);
            default -> throw new IllegalArgumentException("unknown rule type '" + type
                    + "' (expected leftZone, enteredDanger, missedArrival, curfew or zoneActivity)");
        };
    }

    private static Schedule schedule(JsonNode n) {
        if (n == null || n.isNull()) {
            return Schedule.ALWAYS;
        }
        Set<DayOfWeek> days = n.has("days") ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.allOf(DayOfWeek.class);
        if (n.has("days")) {
            days.addAll(set(n.get("days"), s -> DayOfWeek.valueOf(s.toUpperCase(java.util.Locale.ROOT))));
        }
        List<DailyWindow> windows = new ArrayList<>();
        if (n.has("windows")) {
            for (JsonNode w : n.get("windows")) {
                windows.add(new DailyWindow(LocalTime.parse(text(w, "from")), LocalTime.parse(text(w, "to"))));
            }
        }
        return new Schedule(days, windows, set(n.get("holidays"), LocalDate::parse),
                set(n.get("extraDays"), LocalDate::parse));
    }

    private static String text(JsonNode n, String name) {
        JsonNode value = n.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing '" + name + "'");
        }
        return value.asText();
    }

    private static <T> Set<T> set(JsonNode array, Function<String, T> parse) {
        if (array == null || array.isNull()) {
            return Set.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected an array, got " + array);
        }
        Set<T> values = new HashSet<>();
        array.forEach(v -> values.add(parse.apply(v.asText())));
        return values;
    }

    /** Writes rules as {@code {"rules":[...]}}, readable by {@link #read}. */
    public static String write(Collection<Rule> rules) {
        ObjectNode root = GeoJsonFeatures.JSON.createObjectNode();
        ArrayNode array = root.putArray("rules");
        for (Rule rule : rules) {
            ObjectNode n = array.addObject();
            n.put("id", rule.id());
            if (rule instanceof Rule.LeftZone r) {
                n.put("type", "leftZone").put("zone", r.zoneId());
                n.set("schedule", schedule(r.schedule()));
            } else if (rule instanceof Rule.EnteredDanger r) {
                n.put("type", "enteredDanger");
                strings(n.putArray("dangerKinds"), r.dangerKinds(), DangerKind::code);
                n.set("schedule", schedule(r.schedule()));
            } else if (rule instanceof Rule.MissedArrival r) {
                n.put("type", "missedArrival").put("zone", r.zoneId()).put("from", r.from().toString())
                        .put("deadline", r.deadline().toString());
                n.set("days", schedule(r.days()));
            } else if (rule instanceof Rule.Curfew r) {
                n.put("type", "curfew").put("zone", r.zoneId()).put("at", r.at().toString());
                n.set("days", schedule(r.days()));
            } else if (rule instanceof Rule.ZoneActivity r) {
                n.put("type", "zoneActivity").put("zone", r.zoneId());
            }
            strings(n.putArray("devices"), rule.devices(), DeviceId::toString);
            strings(n.putArray("guardians"), rule.guardians(), s -> s);
        }
        return root.toString();
    }

    private static ObjectNode schedule(Schedule s) {
        ObjectNode n = GeoJsonFeatures.JSON.createObjectNode();
        ArrayNode days = n.putArray("days");
        new TreeSet<>(s.days()).forEach(d -> days.add(d.name()));
        ArrayNode windows = n.putArray("windows");
        s.windows().forEach(w -> windows.addObject().put("from", w.from().toString()).put("to", w.to().toString()));
        strings(n.putArray("holidays"), s.holidays(), LocalDate::toString);
        strings(n.putArray("extraDays"), s.extraDays(), LocalDate::toString);
        return n;
    }

    private static <T> void strings(ArrayNode array, Set<T> values, Function<T, String> format) {
        values.stream().map(format).sorted().forEach(array::add);
    }
}
