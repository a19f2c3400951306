package org.shouhu.geofence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.shouhu.geofence.internal.AreaIndex;
import org.shouhu.geofence.internal.CoordinateConverter;
import org.shouhu.geofence.internal.GeoJsonFeatures;
import org.shouhu.geofence.internal.GeoJsonGeometries;

/**
 * Finds the police jurisdiction containing a position. Built once from a GeoJSON FeatureCollection whose features
 * carry an {@code id} (property {@code id}, else the feature id) and a {@code name} property and a Polygon or
 * MultiPolygon geometry in WGS-84. Immutable and thread-safe; to change the jurisdictions, build a new index and
 * swap the reference.
 *
 * <p>A point on the shared border of two jurisdictions belongs to both; {@link #locate} then answers the one with
 * the smallest id, so the answer is deterministic.
 */
public final class JurisdictionIndex {

    private static final Comparator<Jurisdiction> BY_ID = Comparator.comparing(Jurisdiction::id);

    private final List<Jurisdiction> all;
    private final AreaIndex<Jurisdiction> index;

    /** Indexes the given jurisdictions; ids must be unique. */
    public JurisdictionIndex(List<Jurisdiction> jurisdictions) {
        Set<String> ids = new HashSet<>();
        for (Jurisdiction j : jurisdictions) {
            if (!ids.add(j.id())) {
                throw new IllegalArgumentException("duplicate jurisdiction id " + j.id());
            }
        }
        List<Jurisdiction> sorted = new ArrayList<>(jurisdictions);
        sorted.sort(BY_ID);
        this.all = List.copyOf(sorted);
        this.index = new AreaIndex<>(all, Jurisdiction::geometry);
    }

    /**
     * Reads a FeatureCollection (or a single Feature) of jurisdictions.
     *
     * @throws GeoJsonException naming the feature when one lacks an id or name, has a geometry other than a valid
     *                          Polygon or MultiPolygon, or repeats an id; nothing is indexed then
     */
    public static JurisdictionIndex fromGeoJson(String geoJson) {
        List<Jurisdiction> jurisdictions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (GeoJsonFeatures.Feature feature : GeoJsonFeatures.parse(geoJson)) {
            if (feature.id() == null) {
                throw new GeoJsonException(feature.ref(), "jurisdiction has no id (property 'id' or feature id)");
            }
            if (!ids.add(feature.id())) {
                throw new GeoJsonException(feature.ref(), "duplicate jurisdiction id " + feature.id());
            }
            JsonNode name = feature.properties().get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                throw new GeoJsonException(feature.ref(), "jurisdiction has no 'name' property");
            }
            String type = feature.geometry() == null ? "none" : feature.geometry().path("type").asText("none");
            if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                throw new GeoJsonException(feature.ref(),
                        "jurisdiction geometry must be Polygon or MultiPolygon, is " + type);
            }
            Geometry geometry = GeoJsonGeometries.read(feature.ref(), feature.geometry(), CoordinateConverter.IDENTITY);
            jurisdictions.add(new Jurisdiction(feature.id(), name.asText().strip(), geometry));
        }
        return new JurisdictionIndex(jurisdictions);
    }

    /**
     * The jurisdiction containing the position (boundary included), if any.
     *
     * @param lat WGS-84 latitude in degrees
     * @param lon WGS-84 longitude in degrees
     */
    public Optional<Jurisdiction> locate(double lat, double lon) {
        Jurisdiction[] best = new Jurisdiction[1];
        index.forEachCovering(lon, lat, j -> {
            if (best[0] == null || BY_ID.compare(j, best[0]) < 0) {
                best[0] = j;
            }
        });
        return Optional.ofNullable(best[0]);
    }

    /** Every jurisdiction, sorted by id. */
    public List<Jurisdiction> all() {
        return all;
    }
}
