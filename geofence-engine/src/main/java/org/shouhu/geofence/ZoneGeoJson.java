package org.shouhu.geofence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.shouhu.geofence.internal.GeoJsonFeatures;
import org.shouhu.geofence.internal.GeoJsonGeometries;
import org.shouhu.protocol.DeviceId;

/**
 * Zones as GeoJSON. A zone is a Feature whose properties are:
 * <ul>
 *   <li>{@code id} (required; the feature id is accepted too), {@code name} (optional)</li>
 *   <li>{@code kind}: {@code home}, {@code school}, {@code danger} or {@code custom}</li>
 *   <li>{@code dangerKind}: {@code water}, {@code road}, {@code construction} or {@code other}; danger zones only</li>
 *   <li>{@code children}: array of 15-digit device ids; absent or empty means everyone in the area</li>
 *   <li>{@code radius}: metres, with a Point geometry: a circle</li>
 *   <li>{@code buffer}: metres each side, with a LineString geometry: a corridor</li>
 *   <li>{@code crs}: the source coordinate system, {@code wgs84} (default), {@code gcj02} or {@code bd09};
 *       converted to WGS-84 on reading</li>
 *   <li>{@code timeZone}: IANA time zone of its schedules, default Asia/Shanghai</li>
 * </ul>
 * Polygon (with holes) and MultiPolygon geometries are areas. Output is always WGS-84. Stateless and thread-safe.
 */
public final class ZoneGeoJson {

    private ZoneGeoJson() {
    }

    /**
     * Reads a Feature or FeatureCollection of zones.
     *
     * @throws GeoJsonException naming the first bad feature; nothing is returned then
     */
    public static List<Zone> read(String geoJson) {
        List<Zone> zones = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (GeoJsonFeatures.Feature feature : GeoJsonFeatures.parse(geoJson)) {
            Zone zone = zone(feature);
            if (!ids.add(zone.id())) {
                throw new GeoJsonException(feature.ref(), "duplicate zone id " + zone.id());
            }
            zones.add(zone);
        }
        return zones;
    }

    private static Zone zone(GeoJsonFeatures.Feature feature) {
        String ref = feature.ref();
        JsonNode p = feature.properties();
        if (feature.id() == null) {
            throw new GeoJsonException(ref, "zone has no id");
        }
        try {
            ZoneKind kind = ZoneKind.fromCode(requiredText(p, "kind"));
            DangerKind dangerKind = p.hasNonNull("dangerKind") ? DangerKind.fromCode(p.get("dangerKind").asText()) : null;
            CoordinateSystem crs = p.hasNonNull("crs") ? CoordinateSystem.fromCode(p.get("crs").asText())
                    : CoordinateSystem.WGS84;
            ZoneId timeZone = p.hasNonNull("timeZone") ? ZoneId.of(p.get("timeZone").asText()) : Zone.DEFAULT_TIME_ZONE;
            String name = p.hasNonNull("name") ? p.get("name").asText() : "";
            Geometry geometry = GeoJsonGeometries.read(ref, feature.geometry(), crs::toWgs84);
            return new Zone(feature.id(), name, kind, dangerKind, children(p), shape(p, geometry), timeZone);
        } catch (GeoJsonException e) {
            throw e;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new GeoJsonException(ref, e.getMessage(), e);
        }
    }

    private static ZoneShape shape(JsonNode p, Geometry geometry) {
        if (geometry instanceof Point point) {
            double radius = requiredNumber(p, "radius", "a Point zone needs a 'radius' in metres");
            return new ZoneShape.Circle(point.getY(), point.getX(), radius);
        }
        if (geometry instanceof LineString line) {
            double buffer = requiredNumber(p, "buffer", "a LineString zone needs a 'buffer' in metres");
            return new ZoneShape.Corridor(line, buffer);
        }
        return new ZoneShape.Area(geometry);
    }

    private static Set<DeviceId> children(JsonNode p) {
        JsonNode children = p.get("children");
        if (children == null || children.isNull()) {
            return Set.of();
        }
        if (!children.isArray()) {
            throw new IllegalArgumentException("'children' must be an array of 15-digit device ids");
        }
        Set<DeviceId> ids = new HashSet<>();
        for (JsonNode child : children) {
            ids.add(DeviceId.parse(child.asText()));
        }
        return ids;
    }

    private static String requiredText(JsonNode p, String name) {
        JsonNode value = p.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing '" + name + "' property");
        }
        return value.asText();
    }

    private static double requiredNumber(JsonNode p, String name, String message) {
        JsonNode value = p.get(name);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(message);
        }
        return value.doubleValue();
    }

    /** Writes the zones as a FeatureCollection in WGS-84 that {@link #read} reads back to equal zones. */
    public static String write(Collection<Zone> zones) {
        ObjectNode root = GeoJsonFeatures.JSON.createObjectNode();
        root.put("type", "FeatureCollection");
        ArrayNode features = root.putArray("features");
        for (Zone zone : zones) {
            features.add(feature(zone));
        }
        return root.toString();
    }

    private static ObjectNode feature(Zone zone) {
        ObjectNode feature = GeoJsonFeatures.JSON.createObjectNode();
        feature.put("type", "Feature");
        feature.put("id", zone.id());
        ObjectNode p = feature.putObject("properties");
        p.put("id", zone.id());
        p.put("name", zone.name());
        p.put("kind", zone.kind().code());
        if (zone.dangerKind() != null) {
            p.put("dangerKind", zone.dangerKind().code());
        }
        if (!zone.children().isEmpty()) {
            ArrayNode children = p.putArray("children");
            new TreeSet<>(zone.children()).forEach(d -> children.add(d.toString()));
        }
        p.put("crs", CoordinateSystem.WGS84.code());
        if (!zone.timeZone().equals(Zone.DEFAULT_TIME_ZONE)) {
            p.put("timeZone", zone.timeZone().getId());
        }
        Geometry geometry;
        if (zone.shape() instanceof ZoneShape.Circle c) {
            p.put("radius", c.radiusMetres());
            geometry = org.shouhu.geofence.internal.Geometries.WGS84.createPoint(
                    new Coordinate(c.longitude(), c.latitude()));
        } else if (zone.shape() instanceof ZoneShape.Corridor c) {
            p.put("buffer", c.halfWidthMetres());
            geometry = c.line();
        } else {
            geometry = ((ZoneShape.Area) zone.shape()).geometry();
        }
        feature.set("geometry", GeoJsonGeometries.write(geometry));
        return feature;
    }
}
