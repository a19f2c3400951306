package org.shouhu.geofence.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.shouhu.geofence.GeoJsonException;

/**
 * Reads and writes GeoJSON geometry objects (RFC 7946) as JTS geometries in WGS-84: Point, LineString, Polygon
 * (with holes) and MultiPolygon. Positions are {@code [longitude, latitude]}; a third value (altitude) is ignored.
 * Each position passes through a {@link CoordinateConverter} so that sources in other datums arrive in WGS-84.
 * Polygons must be topologically valid (closed rings, no self-intersection). Stateless and thread-safe.
 */
public final class GeoJsonGeometries {

    private GeoJsonGeometries() {
    }

    /**
     * Parses a geometry object.
     *
     * @param feature   how the enclosing feature is named in error messages
     * @param node      the GeoJSON geometry object
     * @param converter source datum to WGS-84
     * @throws GeoJsonException naming the feature when the geometry is missing, malformed or invalid
     */
    public static Geometry read(String feature, JsonNode node, CoordinateConverter converter) {
        if (node == null || !node.isObject()) {
            throw new GeoJsonException(feature, "geometry is missing or not an object");
        }
        String type = node.path("type").asText("");
        JsonNode coordinates = node.get("coordinates");
        if (coordinates == null || !coordinates.isArray()) {
            throw new GeoJsonException(feature, type + " geometry has no coordinates array");
        }
        Geometry geometry = switch (type) {
            case "Point" -> Geometries.WGS84.createPoint(position(feature, coordinates, converter));
            case "LineString" -> lineString(feature, coordinates, converter);
            case "Polygon" -> polygon(feature, coordinates, converter);
            case "MultiPolygon" -> multiPolygon(feature, coordinates, converter);
            default -> throw new GeoJsonException(feature, "unsupported geometry type '" + type + "'");
        };
        if (geometry instanceof Polygon || geometry instanceof MultiPolygon) {
            TopologyValidationError error = new IsValidOp(geometry).getValidationError();
            if (error != null) {
                throw new GeoJsonException(feature, "invalid " + type + ": " + error.getMessage()
                        + " at " + error.getCoordinate());
            }
        }
        return geometry;
    }

    /** Writes a Point, LineString, Polygon or MultiPolygon as a GeoJSON geometry object, coordinates in WGS-84. */
    public static ObjectNode write(Geometry geometry) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", geometry.getGeometryType());
        if (geometry instanceof Point point) {
            node.set("coordinates", position(point.getCoordinate()));
        } else if (geometry instanceof LineString line) {
            node.set("coordinates", positions(line.getCoordinates()));
        } else if (geometry instanceof Polygon polygon) {
            node.set("coordinates", rings(polygon));
        } else if (geometry instanceof MultiPolygon multi) {
            ArrayNode polygons = node.putArray("coordinates");
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                polygons.add(rings((Polygon) multi.getGeometryN(i)));
            }
        } else {
            throw new IllegalArgumentException("cannot write " + geometry.getGeometryType());
        }
        return node;
    }

    private static ArrayNode rings(Polygon polygon) {
        ArrayNode rings = JsonNodeFactory.instance.arrayNode();
        rings.add(positions(polygon.getExteriorRing().getCoordinates()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode positions(Coordinate[] coordinates) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Coordinate c : coordinates) {
            array.add(position(c));
        }
        return array;
    }

    private static ArrayNode position(Coordinate c) {
        return JsonNodeFactory.instance.arrayNode().add(c.x).add(c.y);
    }

    private static MultiPolygon multiPolygon(String feature, JsonNode polygons, CoordinateConverter converter) {
        if (polygons.isEmpty()) {
            throw new GeoJsonException(feature, "MultiPolygon has no polygons");
        }
        Polygon[] parts = new Polygon[polygons.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = polygon(feature, polygons.get(i), converter);
        }
        return Geometries.WGS84.createMultiPolygon(parts);
    }

    private static Polygon polygon(String feature, JsonNode rings, CoordinateConverter converter) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new GeoJsonException(feature, "Polygon has no rings");
        }
        LinearRing shell = ring(feature, rings.get(0), converter);
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(feature, rings.get(i), converter);
        }
        return Geometries.WGS84.createPolygon(shell, holes);
    }

    private static LinearRing ring(String feature, JsonNode positions, CoordinateConverter converter) {
        Coordinate[] coordinates = coordinates(feature, positions, converter);
        if (coordinates.length < 4) {
            throw new GeoJsonException(feature, "a polygon ring needs at least 4 positions, has " + coordinates.length);
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            throw new GeoJsonException(feature, "a polygon ring must end where it starts");
        }
        return Geometries.WGS84.createLinearRing(coordinates);
    }

    private static LineString lineString(String feature, JsonNode positions, CoordinateConverter converter) {
        Coordinate[] coordinates = coordinates(feature, positions, converter);
        if (coordinates.length < 2) {
            throw new GeoJsonException(feature, "a LineString needs at least 2 positions");
        }
        return Geometries.WGS84.createLineString(coordinates);
    }

    private static Coordinate[] coordinates(String feature, JsonNode positions, CoordinateConverter converter) {
        if (!positions.isArray()) {
            throw new GeoJsonException(feature, "expected an array of positions");
        }
        List<Coordinate> result = new ArrayList<>(positions.size());
        for (JsonNode position : positions) {
            result.add(position(feature, position, converter));
        }
        return result.toArray(new Coordinate[0]);
    }

    private static Coordinate position(String feature, JsonNode position, CoordinateConverter converter) {
        if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
            throw new GeoJsonException(feature, "a position must be [longitude, latitude], got " + position);
        }
        double lon = position.get(0).doubleValue();
        double lat = position.get(1).doubleValue();
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
            throw new GeoJsonException(feature, "position out of range (longitude -180..180, latitude -90..90): "
                    + position);
        }
        return converter.toWgs84(lon, lat);
    }
}
