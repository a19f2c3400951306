package org.shouhu.sim.model;

import org.shouhu.sim.region.GeoPoint;

/**
 * The karst landscape of the simulated region, as far as radio is concerned: how deep in a valley a point is
 * (GNSS accuracy degrades with the visible sky) and whether there is mobile coverage (deep valleys have none).
 * Deterministic functions of position built from a few overlapping waves a few kilometres long, so a walking child
 * passes through valleys and dead zones for minutes at a time. Stateless and thread-safe.
 */
public final class Terrain {

    /** Valley depth above which there is no mobile coverage; about 3 % of the area. */
    static final double NO_COVERAGE_DEPTH = 0.7;

    private Terrain() {
    }

    /** 0 (ridge, open sky) .. 1 (deep narrow valley). */
    public static double valleyDepth(GeoPoint p) {
        double x = p.longitude() * 111.2 * Math.cos(Math.toRadians(p.latitude()));
        double y = p.latitude() * 111.2;
        double wave = Math.sin(x / 2.3 + 0.7) * Math.cos(y / 3.1)
                + 0.6 * Math.sin((x + y) / 1.7)
                + 0.4 * Math.cos((x - 2 * y) / 4.3 + 1.3);
        // wave is within -2..2; squash to 0..1 so that deep valleys are rare
        return Math.pow((wave + 2.0) / 4.0, 2.0);
    }

    public static boolean hasCoverage(GeoPoint p) {
        return valleyDepth(p) < NO_COVERAGE_DEPTH;
    }
}
