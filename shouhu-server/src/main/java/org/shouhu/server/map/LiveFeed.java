package org.shouhu.server.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.shouhu.alert.JurisdictionLocator;
import org.shouhu.alert.PoliceJurisdiction;
import org.shouhu.alert.RecipientDirectory;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.StoredStatus;
import org.shouhu.ingest.TelemetryListener;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.StatusReport;

/**
 * The live positions behind every open map. Ingest reports committed telemetry ({@link #onPositions}, cheap: one
 * map update per fix); once per tick {@link #flush} sends each map the wristbands of its jurisdiction that moved or
 * changed status since the last tick, one coalesced entry per wristband, and tells a map when a wristband left its
 * jurisdiction. The JSON of a wristband is built once per tick however many maps show it.
 *
 * <p>{@link #onPositions} and {@link #onStatuses} may be called from any thread; {@link #flush} from one thread at a
 * time (a periodic timer). Thread-safe under that rule.
 */
final class LiveFeed implements TelemetryListener {

    /** Key of wristbands outside every jurisdiction (only viewers who see everything get them). */
    private static final String NOWHERE = "";

    private final JurisdictionLocator jurisdictions;
    private final RecipientDirectory children;
    private final Function<DeviceId, Set<String>> assignedTo;
    private final Map<DeviceId, LiveDevice> devices = new ConcurrentHashMap<>();
    private final Set<DeviceId> changed = ConcurrentHashMap.newKeySet();
    private final List<MapClient> clients = new CopyOnWriteArrayList<>();
    /** Where each wristband was last announced; only touched by {@link #flush}. */
    private final Map<DeviceId, String> announcedIn = new HashMap<>();

    LiveFeed(JurisdictionLocator jurisdictions, RecipientDirectory children) {
        this(jurisdictions, children, device -> Set.of());
    }

    /** @param assignedTo the jurisdictions a wristband is assigned to, shown there wherever it is; must not block */
    LiveFeed(JurisdictionLocator jurisdictions, RecipientDirectory children,
             Function<DeviceId, Set<String>> assignedTo) {
        this.jurisdictions = Objects.requireNonNull(jurisdictions, "jurisdictions");
        this.children = Objects.requireNonNull(children, "children");
        this.assignedTo = Objects.requireNonNull(assignedTo, "assignedTo");
    }

    @Override
    public void onPositions(List<StoredPosition> positions) {
        for (StoredPosition position : positions) {
            Fix fix = position.fix();
            if (position.late() || !fix.hasPosition()) {
                continue; // a late upload is history, not where the child is now
            }
            devices.compute(position.device(), (device, known) -> {
                LiveDevice current = known == null ? unknown(device) : known;
                if (current.hasPosition() && !fix.time().isAfter(current.fixTime())) {
                    return current;
                }
                if (current.hasPosition() && current.latitude() == fix.latitude()
                        && current.longitude() == fix.longitude() && current.battery() == position.battery()) {
                    return current.movedTo(fix.latitude(), fix.longitude(), fix.accuracyMetres(), fix.time(),
                            position.battery(), current.jurisdiction());
                }
                changed.add(device);
                return current.movedTo(fix.latitude(), fix.longitude(), fix.accuracyMetres(), fix.time(),
                        position.battery(), null);
            });
        }
    }

    @Override
    public void onStatuses(List<StoredStatus> statuses) {
        for (StoredStatus stored : statuses) {
            StatusReport report = stored.report();
            devices.compute(report.deviceId(), (device, known) -> {
                LiveDevice current = known == null ? unknown(device) : known;
                LiveDevice updated = current.withStatus(report.batteryPercent(), report.worn(), report.charging());
                if (!updated.equals(current)) {
                    changed.add(device);
                }
                return updated;
            });
        }
    }

    private LiveDevice unknown(DeviceId device) {
        String name = children.forDevice(device).map(recipients -> recipients.child().name()).orElse("");
        return new LiveDevice(device, name, 0, 0, 0, null, -1, null, null, null);
    }

    /** Opens the feed for a new map: it gets every visible wristband now, then the changes of each tick. */
    void connect(MapClient client) {
        clients.add(client);
        List<String> visible = new ArrayList<>();
        for (LiveDevice device : devices.values()) {
            if (device.hasPosition() && (client.viewer().sees(jurisdictionOf(device)) || client.viewer().jurisdiction()
                    .filter(assignedTo.apply(device.device())::contains).isPresent())) {
                visible.add(device.toJson());
            }
        }
        client.sendSnapshot("positions", payload(visible, List.of(), true));
    }

    void disconnect(MapClient client) {
        clients.remove(client);
    }

    int clientCount() {
        return clients.size();
    }

    /** The newest known state of a wristband, if it reported since the server started. */
    LiveDevice device(DeviceId device) {
        return devices.get(device);
    }

    /** Sends every map what changed since the last flush. */
    void flush() {
        if (changed.isEmpty()) {
            return;
        }
        Tick tick = collect();
        for (MapClient client : clients) {
            tick.payloadFor(client.viewer()).ifPresent(payload -> client.send("positions", payload));
        }
    }

    /** Takes the changes since the last tick, grouped by jurisdiction. Called by {@link #flush} only. */
    Tick collect() {
        Map<String, List<String>> movedIn = new HashMap<>();
        Map<String, List<String>> goneFrom = new HashMap<>();
        for (DeviceId id : drainChanged()) {
            LiveDevice device = devices.computeIfPresent(id, (key, current) -> current.hasPosition()
                    && current.jurisdiction() == null ? locate(current) : current);
            if (device == null || !device.hasPosition()) {
                continue;
            }
            String where = jurisdictionOf(device);
            Set<String> assigned = assignedTo.apply(id);
            String before = announcedIn.put(id, where);
            if (before != null && !before.equals(where) && !assigned.contains(before)) {
                goneFrom.computeIfAbsent(before, key -> new ArrayList<>()).add('"' + id.toString() + '"');
            }
            String json = device.toJson();
            movedIn.computeIfAbsent(where, key -> new ArrayList<>()).add(json);
            for (String jurisdiction : assigned) {
                if (!jurisdiction.equals(where)) { // its dispatchers follow it wherever it is
                    movedIn.computeIfAbsent(jurisdiction, key -> new ArrayList<>()).add(json);
                }
            }
        }
        return new Tick(movedIn, goneFrom);
    }

    /**
     * One tick's changes. The payload of a jurisdiction is built once, on first request, and shared by every map
     * of that jurisdiction. Used from one thread.
     */
    static final class Tick {

        private final Map<String, List<String>> movedIn;
        private final Map<String, List<String>> goneFrom;
        private final Map<String, String> payloads = new HashMap<>();
        private String everything;

        private Tick(Map<String, List<String>> movedIn, Map<String, List<String>> goneFrom) {
            this.movedIn = movedIn;
            this.goneFrom = goneFrom;
        }

        /** What this viewer is to be sent; empty when nothing it may see changed. */
        java.util.Optional<String> payloadFor(MapViewer viewer) {
            if (viewer.seesEverything()) {
                if (movedIn.isEmpty()) {
                    return java.util.Optional.empty();
                }
                if (everything == null) {
                    List<String> all = new ArrayList<>();
                    movedIn.values().forEach(all::addAll);
                    everything = payload(all, List.of(), false);
                }
                return java.util.Optional.of(everything);
            }
            String jurisdiction = viewer.jurisdiction().get();
            List<String> moved = movedIn.getOrDefault(jurisdiction, List.of());
            List<String> gone = goneFrom.getOrDefault(jurisdiction, List.of());
            if (moved.isEmpty() && gone.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(payloads.computeIfAbsent(jurisdiction, key -> payload(moved, gone, false)));
        }
    }

    /** Sends an event to every open map, built per viewer (the alert queue). */
    void broadcast(String event, java.util.function.Function<MapViewer, String> data) {
        for (MapClient client : clients) {
            client.send(event, data.apply(client.viewer()));
        }
    }

    void forEachClient(Consumer<MapClient> action) {
        clients.forEach(action);
    }

    private List<DeviceId> drainChanged() {
        List<DeviceId> drained = new ArrayList<>(changed.size());
        for (DeviceId id : changed) {
            changed.remove(id);
            drained.add(id);
        }
        return drained;
    }

    private LiveDevice locate(LiveDevice device) {
        String where = jurisdictions.locate(device.latitude(), device.longitude())
                .map(PoliceJurisdiction::id).orElse(NOWHERE);
        return device.movedTo(device.latitude(), device.longitude(), device.accuracyMetres(), device.fixTime(),
                device.battery(), where);
    }

    private String jurisdictionOf(LiveDevice device) {
        if (device.jurisdiction() != null) {
            return device.jurisdiction();
        }
        return jurisdictions.locate(device.latitude(), device.longitude()).map(PoliceJurisdiction::id).orElse(NOWHERE);
    }

    private static String payload(List<String> devices, List<String> gone, boolean snapshot) {
        StringBuilder json = new StringBuilder(64 + devices.size() * 160)
                .append("{\"snapshot\":").append(snapshot).append(",\"devices\":[");
        appendAll(json, devices);
        json.append("],\"gone\":[");
        appendAll(json, gone);
        return json.append("]}").toString();
    }

    private static void appendAll(StringBuilder json, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(items.get(i));
        }
    }
}
