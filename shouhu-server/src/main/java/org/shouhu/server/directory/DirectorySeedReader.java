package org.shouhu.server.directory;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.alert.ChannelAddress;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.Language;
import org.shouhu.protocol.DeviceId;

/**
 * Reads a directory seed document:
 * <pre>{@code
 * { "jurisdictions": { "type": "FeatureCollection", "features": [ { "type": "Feature",
 *       "properties": { "id": "qixingguan", "name": "...", "capEndpoint": "http://..." },
 *       "geometry": { "type": "Polygon", ... } } ] },
 *   "guardians": [ { "id": "g-1", "name": "...", "language": "zh-CN",
 *                    "channels": [ { "webhook": "http://..." }, { "sms": "+8613800000000" } ] } ],
 *   "children":  [ { "id": "c-1", "name": "...", "device": "860000000000001", "guardians": ["g-1"] } ] }
 * }</pre>
 * Errors name the entry that is wrong. Stateless and thread-safe.
 */
public final class DirectorySeedReader {

    private DirectorySeedReader() {
    }

    /** @throws IllegalArgumentException naming the first problem found */
    public static DirectoryContent read(String json) {
        JsonObject root;
        try {
            root = new JsonObject(json);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("directory seed is not valid JSON: " + e.getMessage(), e);
        }
        return new DirectoryContent(jurisdictions(root), guardians(root), children(root));
    }

    private static List<PoliceJurisdictionEntry> jurisdictions(JsonObject root) {
        JsonObject collection = root.getJsonObject("jurisdictions", new JsonObject());
        List<PoliceJurisdictionEntry> result = new ArrayList<>();
        JsonArray features = collection.getJsonArray("features", new JsonArray());
        for (int i = 0; i < features.size(); i++) {
            JsonObject feature = features.getJsonObject(i);
            JsonObject properties = feature.getJsonObject("properties", new JsonObject());
            String where = "jurisdictions.features[" + i + "]";
            JsonObject geometry = feature.getJsonObject("geometry");
            if (geometry == null) {
                throw new IllegalArgumentException(where + " has no geometry");
            }
            result.add(new PoliceJurisdictionEntry(required(properties, "id", where), required(properties, "name", where),
                    geometry.encode(), URI.create(required(properties, "capEndpoint", where))));
        }
        return result;
    }

    private static List<Guardian> guardians(JsonObject root) {
        List<Guardian> result = new ArrayList<>();
        JsonArray entries = root.getJsonArray("guardians", new JsonArray());
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.getJsonObject(i);
            String where = "guardians[" + i + "]";
            List<ChannelAddress> channels = new ArrayList<>();
            JsonArray listed = entry.getJsonArray("channels", new JsonArray());
            for (int c = 0; c < listed.size(); c++) {
                channels.add(channel(listed.getJsonObject(c), where + ".channels[" + c + "]"));
            }
            result.add(new Guardian(required(entry, "id", where), required(entry, "name", where),
                    Language.forTag(entry.getString("language", "zh-CN")), channels));
        }
        return result;
    }

    private static ChannelAddress channel(JsonObject entry, String where) {
        if (entry.containsKey("webhook")) {
            return new ChannelAddress.Webhook(URI.create(required(entry, "webhook", where)));
        }
        if (entry.containsKey("sms")) {
            return new ChannelAddress.Sms(required(entry, "sms", where));
        }
        throw new IllegalArgumentException(where + " needs 'webhook' or 'sms'");
    }

    private static List<ChildEntry> children(JsonObject root) {
        List<ChildEntry> result = new ArrayList<>();
        JsonArray entries = root.getJsonArray("children", new JsonArray());
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.getJsonObject(i);
            String where = "children[" + i + "]";
            List<String> guardianIds = new ArrayList<>();
            entry.getJsonArray("guardians", new JsonArray()).forEach(id -> guardianIds.add(String.valueOf(id)));
            result.add(new ChildEntry(required(entry, "id", where), required(entry, "name", where),
                    DeviceId.parse(required(entry, "device", where)), guardianIds));
        }
        return result;
    }

    private static String required(JsonObject object, String field, String where) {
        Object value = object.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(where + " needs a string '" + field + "'");
        }
        return text;
    }
}
