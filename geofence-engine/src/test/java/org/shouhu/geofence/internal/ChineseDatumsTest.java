package org.shouhu.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Conversions checked against published reference values:
 * <ul>
 *   <li>GCJ-02: the Shanghai, Shenzhen and Beijing pairs of the eviltransform library's test suite
 *       (github.com/googollee/eviltransform, {@code go/transform_test.go}), the values its ports in other languages
 *       test against as well;</li>
 *   <li>GCJ-02 and BD-09: the worked example of the coordtransform library (github.com/wandergis/coordtransform,
 *       {@code test/app.js}): the position (116.404, 39.915) converted by each formula;</li>
 *   <li>BD-09: the example of Baidu's coordinate conversion service documentation.</li>
 * </ul>
 */
class ChineseDatumsTest {

    /** 1e-6 degrees is about 0.1 m. */
    private static final double SUB_METRE = 1e-6;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "shanghai, 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215",
            "shenzhen, 22.543847, 113.912316, 22.540796131694766, 113.9171764808363",
            "beijing, 39.911954, 116.377817, 39.91334545536069, 116.38404722455657"})
    void wgs84_to_gcj02_matches_reference(String city, double wgsLat, double wgsLon, double gcjLat, double gcjLon) {
        double[] gcj = ChineseDatums.wgs84ToGcj02(wgsLat, wgsLon);
        assertThat(gcj[0]).isCloseTo(gcjLat, within(1e-9));
        assertThat(gcj[1]).isCloseTo(gcjLon, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "shanghai, 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215",
            "shenzhen, 22.543847, 113.912316, 22.540796131694766, 113.9171764808363",
            "beijing, 39.911954, 116.377817, 39.91334545536069, 116.38404722455657"})
    void gcj02_to_wgs84_recovers_reference(String city, double wgsLat, double wgsLon, double gcjLat, double gcjLon) {
        double[] wgs = ChineseDatums.gcj02ToWgs84(gcjLat, gcjLon);
        assertThat(wgs[0]).isCloseTo(wgsLat, within(SUB_METRE));
        assertThat(wgs[1]).isCloseTo(wgsLon, within(SUB_METRE));
    }

    /** Baidu's coordinate conversion service documents this WGS-84 position and its BD-09 result. */
    @Test
    void wgs84_to_bd09_matches_the_official_service_within_a_metre() {
        double[] bd = ChineseDatums.wgs84ToBd09(29.575429778924, 114.21892734521);
        assertThat(bd[0]).isCloseTo(29.579084787652, within(1e-5));
        assertThat(bd[1]).isCloseTo(114.23074871943, within(1e-5));
    }

    @Test
    void bd09_to_wgs84_matches_the_official_service_within_a_metre() {
        double[] wgs = ChineseDatums.bd09ToWgs84(29.579084787652, 114.23074871943);
        assertThat(wgs[0]).isCloseTo(29.575429778924, within(1e-5));
        assertThat(wgs[1]).isCloseTo(114.21892734521, within(1e-5));
    }

    /** coordtransform {@code test/app.js}: wgs84togcj02(116.404, 39.915) = [116.41024449916938, 39.91640428150164]. */
    @Test
    void wgs84_to_gcj02_matches_the_coordtransform_example() {
        double[] gcj = ChineseDatums.wgs84ToGcj02(39.915, 116.404);
        assertThat(gcj[0]).isCloseTo(39.91640428150164, within(1e-9));
        assertThat(gcj[1]).isCloseTo(116.41024449916938, within(1e-9));
    }

    /** coordtransform {@code test/app.js}: gcj02tobd09(116.404, 39.915) = [116.41036949371029, 39.92133699351021]. */
    @Test
    void gcj02_to_bd09_matches_the_coordtransform_example() {
        double[] bd = ChineseDatums.gcj02ToBd09(39.915, 116.404);
        assertThat(bd[0]).isCloseTo(39.92133699351021, within(1e-9));
        assertThat(bd[1]).isCloseTo(116.41036949371029, within(1e-9));
    }

    /**
     * coordtransform {@code test/app.js}: bd09togcj02(116.404, 39.915) = [116.39762729119315, 39.90865673957631], by
     * the usual one-step closed form; the iterated (exact) inverse agrees with it to 1e-6 degrees, about 0.1 m.
     */
    @Test
    void bd09_to_gcj02_matches_the_coordtransform_example() {
        double[] gcj = ChineseDatums.bd09ToGcj02(39.915, 116.404);
        assertThat(gcj[0]).isCloseTo(39.90865673957631, within(1e-6));
        assertThat(gcj[1]).isCloseTo(116.39762729119315, within(1e-6));
    }

    @Test
    void bd09_round_trip_is_exact_to_a_millimetre() {
        double[] bd = ChineseDatums.wgs84ToBd09(26.5783, 106.7135); // Guiyang
        double[] back = ChineseDatums.bd09ToWgs84(bd[0], bd[1]);
        assertThat(back[0]).isCloseTo(26.5783, within(1e-8));
        assertThat(back[1]).isCloseTo(106.7135, within(1e-8));
    }

    @Test
    void outside_china_gcj02_is_wgs84() {
        double[] tokyo = ChineseDatums.gcj02ToWgs84(35.68, 139.76);
        assertThat(tokyo).containsExactly(35.68, 139.76);
    }

    @Test
    void offset_in_guizhou_is_hundreds_of_metres() {
        double[] gcj = ChineseDatums.wgs84ToGcj02(26.5783, 106.7135);
        double metres = Math.hypot((gcj[0] - 26.5783) * 111_000, (gcj[1] - 106.7135) * 111_000 * Math.cos(0.464));
        assertThat(metres).isBetween(100.0, 1000.0);
    }
}
