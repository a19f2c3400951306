package org.shouhu.server.directory;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shouhu.alert.Child;
import org.shouhu.alert.DeviceRecipients;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.PoliceJurisdiction;
import org.shouhu.geofence.Jurisdiction;
import org.shouhu.geofence.JurisdictionIndex;
import org.shouhu.protocol.DeviceId;

/**
 * The directory as the hot paths read it: device to child and guardians, position to police jurisdiction.
 * Immutable and thread-safe; a change builds a new snapshot.
 */
public final class DirectorySnapshot {

    private final DirectoryContent content;
    private final Map<DeviceId, DeviceRecipients> recipients;
    private final JurisdictionIndex jurisdictions;
    private final Map<String, PoliceJurisdiction> police;

    public DirectorySnapshot(DirectoryContent content) {
        this.content = content;
        Map<String, Guardian> guardians = new HashMap<>();
        content.guardians().forEach(guardian -> guardians.put(guardian.id(), guardian));
        Map<DeviceId, DeviceRecipients> byDevice = new HashMap<>();
        for (ChildEntry child : content.children()) {
            List<Guardian> ordered = new ArrayList<>();
            child.guardianIds().forEach(id -> ordered.add(guardians.get(id)));
            byDevice.put(child.device(), new DeviceRecipients(new Child(child.id(), child.name()), ordered));
        }
        this.recipients = Map.copyOf(byDevice);
        this.jurisdictions = JurisdictionIndex.fromGeoJson(featureCollection(content.jurisdictions()).encode());
        Map<String, PoliceJurisdiction> endpoints = new HashMap<>();
        content.jurisdictions().forEach(entry -> endpoints.put(entry.id(),
                new PoliceJurisdiction(entry.id(), entry.name(), entry.capEndpoint())));
        this.police = Map.copyOf(endpoints);
    }

    public static DirectorySnapshot empty() {
        return new DirectorySnapshot(new DirectoryContent(List.of(), List.of(), List.of()));
    }

    public DirectoryContent content() {
        return content;
    }

    public Optional<DeviceRecipients> forDevice(DeviceId device) {
        return Optional.ofNullable(recipients.get(device));
    }

    public Optional<PoliceJurisdiction> locate(double latitude, double longitude) {
        return jurisdictions.locate(latitude, longitude).map(Jurisdiction::id).map(police::get);
    }

    /** The jurisdictions as a GeoJSON FeatureCollection, for maps. */
    public JsonObject jurisdictionsGeoJson() {
        return featureCollection(content.jurisdictions());
    }

    private static JsonObject featureCollection(List<PoliceJurisdictionEntry> entries) {
        JsonArray features = new JsonArray();
        for (PoliceJurisdictionEntry entry : entries) {
            features.add(new JsonObject().put("type", "Feature")
                    .put("properties", new JsonObject().put("id", entry.id()).put("name", entry.name()))
                    .put("geometry", new JsonObject(entry.boundaryGeoJson())));
        }
        return new JsonObject().put("type", "FeatureCollection").put("features", features);
    }
}
