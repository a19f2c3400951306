package org.shouhu.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JurisdictionIndexTest {

    /** Two adjacent squares sharing the border lon = 107.0; the western one has a hole; a separate multipolygon. */
    private static final String COLLECTION = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"520101","name":"West station"},
               "geometry":{"type":"Polygon","coordinates":[
                 [[106.0,26.0],[107.0,26.0],[107.0,27.0],[106.0,27.0],[106.0,26.0]],
                 [[106.4,26.4],[106.6,26.4],[106.6,26.6],[106.4,26.6],[106.4,26.4]]]}},
              {"type":"Feature","id":"520102","properties":{"name":"East station"},
               "geometry":{"type":"Polygon","coordinates":[
                 [[107.0,26.0],[108.0,26.0],[108.0,27.0],[107.0,27.0],[107.0,26.0]]]}},
              {"type":"Feature","properties":{"id":520103,"name":"Islands station"},
               "geometry":{"type":"MultiPolygon","coordinates":[
                 [[[109.0,26.0],[109.1,26.0],[109.1,26.1],[109.0,26.1],[109.0,26.0]]],
                 [[[109.5,26.0],[109.6,26.0],[109.6,26.1],[109.5,26.1],[109.5,26.0]]]]}}
            ]}""";

    private final JurisdictionIndex index = JurisdictionIndex.fromGeoJson(COLLECTION);

    private Optional<String> idAt(double lat, double lon) {
        return index.locate(lat, lon).map(Jurisdiction::id);
    }

    @Test
    void locates_point_in_the_interior() {
        assertThat(idAt(26.2, 106.2)).contains("520101");
        assertThat(idAt(26.5, 107.5)).contains("520102");
    }

    @Test
    void takes_id_from_feature_member_or_numeric_property() {
        assertThat(idAt(26.05, 109.55)).contains("520103");
        assertThat(idAt(26.05, 109.05)).contains("520103");
    }

    @Test
    void point_in_a_hole_is_in_no_jurisdiction() {
        assertThat(idAt(26.5, 106.5)).isEmpty();
    }

    @Test
    void point_outside_every_jurisdiction_is_in_none() {
        assertThat(idAt(30.0, 100.0)).isEmpty();
        assertThat(idAt(26.05, 109.3)).isEmpty();
    }

    @Test
    void shared_border_resolves_to_smallest_id() {
        assertThat(idAt(26.5, 107.0)).contains("520101");
    }

    @Test
    void outer_vertex_belongs_to_its_jurisdiction() {
        assertThat(idAt(26.0, 108.0)).contains("520102");
    }

    @Test
    void lists_all_sorted_by_id_with_names() {
        assertThat(index.all()).extracting(Jurisdiction::id).containsExactly("520101", "520102", "520103");
        assertThat(index.all()).extracting(Jurisdiction::name)
                .containsExactly("West station", "East station", "Islands station");
    }

    @Test
    void rejects_point_geometry_naming_the_feature() {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson("""
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"id":"p1","name":"Pointy"},
                   "geometry":{"type":"Point","coordinates":[106.0,26.0]}}]}"""));
        assertThat(e.getMessage()).contains("p1").contains("Point");
        assertThat(e.feature()).startsWith("p1");
    }

    @Test
    void rejects_feature_without_id() {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson("""
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"name":"Nameless"},
                   "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"""));
        assertThat(e.getMessage()).contains("#0").contains("no id");
    }

    @Test
    void rejects_feature_without_name() {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson("""
                {"type":"Feature","properties":{"id":"x"},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"""));
        assertThat(e.getMessage()).contains("x").contains("name");
    }

    @Test
    void rejects_self_intersecting_polygon() {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson("""
                {"type":"Feature","properties":{"id":"bow","name":"Bowtie"},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"""));
        assertThat(e.getMessage()).contains("bow").contains("invalid Polygon");
    }

    @Test
    void rejects_unclosed_ring() {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson("""
                {"type":"Feature","properties":{"id":"open","name":"Open"},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}"""));
        assertThat(e.getMessage()).contains("open").contains("end where it starts");
    }

    @Test
    void rejects_duplicate_ids() {
        String feature = """
                {"type":"Feature","properties":{"id":"dup","name":"D"},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}""";
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson(
                "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "," + feature + "]}"));
        assertThat(e.getMessage()).contains("duplicate").contains("dup");
    }

    @Test
    void rejects_malformed_json_and_wrong_document_type() {
        assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson("{\"type\":"));
        assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson("{\"type\":\"Polygon\"}"));
        assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson(null));
    }

    @Test
    void rejects_position_out_of_range() {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> JurisdictionIndex.fromGeoJson("""
                {"type":"Feature","properties":{"id":"far","name":"Far"},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[200,0],[1,1],[0,0]]]}}"""));
        assertThat(e.getMessage()).contains("far").contains("out of range");
    }

    @Test
    void empty_collection_locates_nothing() {
        JurisdictionIndex empty = JurisdictionIndex.fromGeoJson("{\"type\":\"FeatureCollection\",\"features\":[]}");
        assertThat(empty.locate(26.0, 106.0)).isEmpty();
        assertThat(empty.all()).isEmpty();
    }
}
