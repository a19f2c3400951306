package org.shouhu.sim.region;

/**
 * A WGS-84 position with the small-distance arithmetic the simulator needs (local flat-earth approximation, good to
 * well under a metre over the few kilometres a child walks). Immutable.
 */
public record GeoPoint(double latitude, double longitude) {

    /** Mean earth radius in metres. */
    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    public GeoPoint {
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            throw new IllegalArgumentException("latitude out of range -90..90: " + latitude);
        }
        if (!(longitude >= -180.0 && longitude <= 180.0)) {
            throw new IllegalArgumentException("longitude out of range -180..180: " + longitude);
        }
    }

    /** The point {@code northMetres} north and {@code eastMetres} east of this one. */
    public GeoPoint offsetMetres(double northMetres, double eastMetres) {
        double dLat = Math.toDegrees(northMetres / EARTH_RADIUS_METRES);
        double dLon = Math.toDegrees(eastMetres / (EARTH_RADIUS_METRES * Math.cos(Math.toRadians(latitude))));
        return new GeoPoint(clamp(latitude + dLat, -90, 90), clamp(longitude + dLon, -180, 180));
    }

    /** Great-circle distance in metres (haversine). */
    public double distanceMetres(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    /** Initial course from this point to {@code other}, degrees clockwise from true north in 0..&lt;360. */
    public double bearingDegreesTo(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dLambda = Math.toRadians(other.longitude - longitude);
        double y = Math.sin(dLambda) * Math.cos(phi2);
        double x = Math.cos(phi1) * Math.sin(phi2) - Math.sin(phi1) * Math.cos(phi2) * Math.cos(dLambda);
        double degrees = (Math.toDegrees(Math.atan2(y, x)) + 360.0) % 360.0;
        return degrees >= 360.0 ? 0.0 : degrees;
    }

    /** The point a fraction {@code f} (0..1) of the way from this point to {@code other}, linearly in degrees. */
    public GeoPoint towards(GeoPoint other, double f) {
        return new GeoPoint(latitude + (other.latitude - latitude) * f, longitude + (other.longitude - longitude) * f);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
