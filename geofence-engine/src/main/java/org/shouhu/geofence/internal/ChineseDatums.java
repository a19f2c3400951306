package org.shouhu.geofence.internal;

/**
 * Conversions between WGS-84 and the two obfuscated datums of Chinese web maps: GCJ-02 (AutoNavi/Amap, Tencent,
 * Google China) and BD-09 (Baidu, an extra rotation and shift on top of GCJ-02).
 *
 * <p>The WGS-84 to GCJ-02 direction is the widely published formula that reproduces the official offsets; it applies
 * only inside the rough bounding box of China (outside it GCJ-02 equals WGS-84). The reverse directions have no closed
 * form; they are solved by fixed-point iteration of the forward formula until the step is below 1e-9 degrees (about
 * 0.1 mm), so the round trip error is far below a GNSS fix's. The formula itself is a model of the official offsets:
 * published comparisons put it within a metre or two of the official values, and that bounds the absolute accuracy
 * of any zone drawn on such a map. Angles in degrees; stateless and thread-safe.
 */
public final class ChineseDatums {

    /** The formula is defined on the Krasovsky 1940 ellipsoid's semi-major axis, not WGS-84's. */
    private static final double EARTH_RADIUS = 6_378_245.0;
    private static final double ECCENTRICITY_SQUARED = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;
    private static final double CONVERGED = 1e-9;
    private static final int MAX_ITERATIONS = 30;

    private ChineseDatums() {
    }

    /** Whether GCJ-02 leaves the position unchanged (outside the bounding box of China). */
    public static boolean outOfChina(double lat, double lon) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    /** @return {lat, lon} in GCJ-02 */
    public static double[] wgs84ToGcj02(double lat, double lon) {
        if (outOfChina(lat, lon)) {
            return new double[] {lat, lon};
        }
        double[] d = delta(lat, lon);
        return new double[] {lat + d[0], lon + d[1]};
    }

    /** @return {lat, lon} in WGS-84, solved iteratively from the forward formula */
    public static double[] gcj02ToWgs84(double gcjLat, double gcjLon) {
        if (outOfChina(gcjLat, gcjLon)) {
            return new double[] {gcjLat, gcjLon};
        }
        double lat = gcjLat;
        double lon = gcjLon;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] d = delta(lat, lon);
            double nextLat = gcjLat - d[0];
            double nextLon = gcjLon - d[1];
            boolean done = Math.abs(nextLat - lat) < CONVERGED && Math.abs(nextLon - lon) < CONVERGED;
            lat = nextLat;
            lon = nextLon;
            if (done) {
                break;
            }
        }
        return new double[] {lat, lon};
    }

    /** @return {lat, lon} in BD-09 */
    public static double[] gcj02ToBd09(double lat, double lon) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
        return new double[] {z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065};
    }

    /** @return {lat, lon} in GCJ-02, solved iteratively from {@link #gcj02ToBd09} */
    public static double[] bd09ToGcj02(double bdLat, double bdLon) {
        double x = bdLon - 0.0065;
        double y = bdLat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        double lat = z * Math.sin(theta);
        double lon = z * Math.cos(theta);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] forward = gcj02ToBd09(lat, lon);
            double dLat = bdLat - forward[0];
            double dLon = bdLon - forward[1];
            lat += dLat;
            lon += dLon;
            if (Math.abs(dLat) < CONVERGED && Math.abs(dLon) < CONVERGED) {
                break;
            }
        }
        return new double[] {lat, lon};
    }

    /** @return {lat, lon} in WGS-84 */
    public static double[] bd09ToWgs84(double bdLat, double bdLon) {
        double[] gcj = bd09ToGcj02(bdLat, bdLon);
        return gcj02ToWgs84(gcj[0], gcj[1]);
    }

    /** @return {lat, lon} in BD-09 */
    public static double[] wgs84ToBd09(double lat, double lon) {
        double[] gcj = wgs84ToGcj02(lat, lon);
        return gcj02ToBd09(gcj[0], gcj[1]);
    }

    /** The GCJ-02 offset {dLat, dLon} in degrees at a WGS-84 position. */
    private static double[] delta(double lat, double lon) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
                + wave(x, 160.0, 320.0, y);
        double dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
                + wave(x, 150.0, 300.0, x);
        double radLat = Math.toRadians(lat);
        double magic = 1 - ECCENTRICITY_SQUARED * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        dLat = dLat * 180.0 / ((EARTH_RADIUS * (1 - ECCENTRICITY_SQUARED)) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (EARTH_RADIUS / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLat, dLon};
    }

    /** The periodic terms of the offset; {@code axis} is y (latitude offset) or x (longitude offset). */
    private static double wave(double x, double a12, double a30, double axis) {
        double common = 20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI);
        double axisPi = axis * Math.PI;
        return (common + 20.0 * Math.sin(axisPi) + 40.0 * Math.sin(axisPi / 3.0)
                + a12 * Math.sin(axisPi / 12.0) + a30 * Math.sin(axisPi / 30.0)) * 2.0 / 3.0;
    }
}
