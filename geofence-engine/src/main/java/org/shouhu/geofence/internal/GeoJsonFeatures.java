package org.shouhu.geofence.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.geofence.GeoJsonException;

/**
 * Splits a GeoJSON document (a FeatureCollection or a single Feature) into its features, each with a reference
 * usable in error messages ({@code "school-12"} or {@code "#3"} when it has no id). Stateless and thread-safe.
 */
public final class GeoJsonFeatures {

    /** Shared JSON mapper; ObjectMapper is thread-safe once configured. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonFeatures() {
    }

    /**
     * One feature of a document.
     *
     * @param ref        how to name the feature in messages
     * @param id         the feature's {@code id}: the property {@code id}, else the feature member {@code id}; null if neither
     * @param properties the properties object (empty object when absent)
     * @param geometry   the geometry object, possibly null
     */
    public record Feature(String ref, String id, JsonNode properties, JsonNode geometry) {
    }

    /** @throws GeoJsonException when the text is not JSON, or not a Feature or FeatureCollection */
    public static List<Feature> parse(String geoJson) {
        JsonNode root;
        try {
            root = JSON.readTree(geoJson == null ? "" : geoJson);
        } catch (JsonProcessingException e) {
            throw new GeoJsonException(null, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new GeoJsonException(null, "expected a GeoJSON object");
        }
        String type = root.path("type").asText("");
        List<Feature> features = new ArrayList<>();
        if (type.equals("Feature")) {
            features.add(feature(root, 0));
        } else if (type.equals("FeatureCollection")) {
            JsonNode array = root.get("features");
            if (array == null || !array.isArray()) {
                throw new GeoJsonException(null, "FeatureCollection has no features array");
            }
            for (int i = 0; i < array.size(); i++) {
                features.add(feature(array.get(i), i));
            }
        } else {
            throw new GeoJsonException(null, "expected type Feature or FeatureCollection, got '" + type + "'");
        }
        return features;
    }

    private static Feature feature(JsonNode node, int index) {
        if (!node.isObject() || !"Feature".equals(node.path("type").asText())) {
            throw new GeoJsonException("#" + index, "not a GeoJSON Feature");
        }
        JsonNode properties = node.get("properties");
        if (properties == null || properties.isNull()) {
            properties = JSON.createObjectNode();
        } else if (!properties.isObject()) {
            throw new GeoJsonException("#" + index, "properties must be an object");
        }
        String id = text(properties.get("id"));
        if (id == null) {
            id = text(node.get("id"));
        }
        String ref = id != null ? id + " (#" + index + ")" : "#" + index;
        return new Feature(ref, id, properties, node.get("geometry"));
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || !(value.isTextual() || value.isIntegralNumber())) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
