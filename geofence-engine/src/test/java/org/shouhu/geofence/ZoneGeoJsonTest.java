package org.shouhu.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.shouhu.geofence.internal.ChineseDatums;
import org.shouhu.protocol.DeviceId;

class ZoneGeoJsonTest {

    private static final String ZONES = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"home-7","kind":"home","name":"Grandma's house",
                "children":["861234567890123"],"radius":80},
               "geometry":{"type":"Point","coordinates":[106.71,26.58]}},
              {"type":"Feature","properties":{"id":"river-2","kind":"danger","dangerKind":"water","buffer":20},
               "geometry":{"type":"LineString","coordinates":[[106.70,26.59],[106.72,26.595]]}},
              {"type":"Feature","properties":{"id":"school-3","kind":"school","timeZone":"Asia/Urumqi"},
               "geometry":{"type":"Polygon","coordinates":[
                 [[106.70,26.57],[106.71,26.57],[106.71,26.575],[106.70,26.575],[106.70,26.57]],
                 [[106.704,26.572],[106.706,26.572],[106.706,26.573],[106.704,26.573],[106.704,26.572]]]}}
            ]}""";

    @Test
    void reads_circles_corridors_and_polygons_with_holes() {
        List<Zone> zones = ZoneGeoJson.read(ZONES);
        assertThat(zones).extracting(Zone::id).containsExactly("home-7", "river-2", "school-3");
        Zone home = zones.get(0);
        assertThat(home.kind()).isEqualTo(ZoneKind.HOME);
        assertThat(home.children()).containsExactly(DeviceId.parse("861234567890123"));
        assertThat(home.shape()).isEqualTo(new ZoneShape.Circle(26.58, 106.71, 80));
        assertThat(zones.get(1).dangerKind()).isEqualTo(DangerKind.WATER);
        assertThat(zones.get(1).children()).isEmpty();
        assertThat(zones.get(2).timeZone().getId()).isEqualTo("Asia/Urumqi");
        assertThat(((org.locationtech.jts.geom.Polygon) zones.get(2).area()).getNumInteriorRing()).isEqualTo(1);
    }

    @Test
    void circle_area_has_the_radius_in_metres() {
        Zone home = ZoneGeoJson.read(ZONES).get(0);
        double expected = Math.PI * 80 * 80;
        double degreesSquared = home.area().getArea();
        double metresSquared = degreesSquared * 110_800 * 111_320 * Math.cos(Math.toRadians(26.58));
        assertThat(metresSquared).isCloseTo(expected, within(expected * 0.01));
    }

    @Test
    void writes_what_it_reads() {
        List<Zone> zones = ZoneGeoJson.read(ZONES);
        assertThat(ZoneGeoJson.read(ZoneGeoJson.write(zones))).isEqualTo(zones);
    }

    @Test
    void converts_gcj02_and_bd09_sources_to_wgs84() {
        double[] gcj = ChineseDatums.wgs84ToGcj02(26.58, 106.71);
        double[] bd = ChineseDatums.wgs84ToBd09(26.58, 106.71);
        List<Zone> zones = ZoneGeoJson.read("""
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"id":"a","kind":"home","radius":50,"crs":"gcj02"},
                   "geometry":{"type":"Point","coordinates":[%s,%s]}},
                  {"type":"Feature","properties":{"id":"b","kind":"home","radius":50,"crs":"bd09"},
                   "geometry":{"type":"Point","coordinates":[%s,%s]}}]}""".formatted(gcj[1], gcj[0], bd[1], bd[0]));
        for (Zone zone : zones) {
            ZoneShape.Circle circle = (ZoneShape.Circle) zone.shape();
            assertThat(new Coordinate(circle.longitude(), circle.latitude()).distance(new Coordinate(106.71, 26.58)))
                    .as(zone.id()).isLessThan(1e-7);
        }
    }

    @Test
    void rejects_point_without_radius_naming_the_feature() {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> ZoneGeoJson.read("""
                {"type":"Feature","properties":{"id":"home-9","kind":"home"},
                 "geometry":{"type":"Point","coordinates":[106.71,26.58]}}"""));
        assertThat(e.getMessage()).contains("home-9").contains("radius");
    }

    @Test
    void rejects_danger_zone_without_danger_kind() {
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> ZoneGeoJson.read("""
                {"type":"Feature","properties":{"id":"d1","kind":"danger","buffer":10},
                 "geometry":{"type":"LineString","coordinates":[[106.70,26.59],[106.72,26.595]]}}"""));
        assertThat(e.getMessage()).contains("d1").contains("dangerKind");
    }

    @Test
    void rejects_unknown_kind_bad_child_id_and_unknown_crs() {
        String template = """
                {"type":"Feature","properties":{"id":"z","kind":%s,"children":%s,"crs":%s,"radius":10},
                 "geometry":{"type":"Point","coordinates":[106.71,26.58]}}""";
        assertThat(assertThrows(GeoJsonException.class,
                () -> ZoneGeoJson.read(template.formatted("\"pond\"", "[]", "\"wgs84\""))).getMessage())
                .contains("unknown zone kind 'pond'");
        assertThat(assertThrows(GeoJsonException.class,
                () -> ZoneGeoJson.read(template.formatted("\"home\"", "[\"123\"]", "\"wgs84\""))).getMessage())
                .contains("15 decimal digits");
        assertThat(assertThrows(GeoJsonException.class,
                () -> ZoneGeoJson.read(template.formatted("\"home\"", "[]", "\"cgcs2000\""))).getMessage())
                .contains("unknown coordinate system");
    }

    @Test
    void rejects_duplicate_ids_and_nothing_is_returned() {
        String feature = """
                {"type":"Feature","properties":{"id":"dup","kind":"home","radius":10},
                 "geometry":{"type":"Point","coordinates":[106.71,26.58]}}""";
        GeoJsonException e = assertThrows(GeoJsonException.class, () -> ZoneGeoJson.read(
                "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "," + feature + "]}"));
        assertThat(e.getMessage()).contains("duplicate zone id dup");
    }

    @Test
    void engine_takes_zones_as_geojson_and_gives_them_back() {
        GeofenceEngine engine = new GeofenceEngine(java.time.Clock.systemUTC(), EngineSettings.DEFAULT,
                new InMemoryGeofenceStateStore());
        assertThat(engine.putZones(ZONES)).containsExactly("home-7", "river-2", "school-3");
        assertThat(ZoneGeoJson.read(engine.zonesGeoJson())).isEqualTo(ZoneGeoJson.read(ZONES));
        assertThat(engine.removeZone("river-2")).isTrue();
        assertThat(engine.zones()).extracting(Zone::id).containsExactly("home-7", "school-3");
        assertThrows(GeoJsonException.class, () -> engine.putZones("{\"type\":\"FeatureCollection\"}"));
        assertThat(engine.zones()).hasSize(2);
    }
}
