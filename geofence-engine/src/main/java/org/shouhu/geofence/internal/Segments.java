package org.shouhu.geofence.internal;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;

/** Exact predicates on plane segments, on JTS's robust orientation test. Stateless. */
final class Segments {

    private Segments() {
    }

    /** Whether the point lies on the closed segment a-b. */
    static boolean contains(double ax, double ay, double bx, double by, double px, double py) {
        return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by)
                && CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, px, py) == 0;
    }

    /** Whether the closed segments p1-p2 and q1-q2 share a point. */
    static boolean intersect(double p1x, double p1y, double p2x, double p2y,
                             double q1x, double q1y, double q2x, double q2y) {
        if (Math.max(p1x, p2x) < Math.min(q1x, q2x) || Math.max(q1x, q2x) < Math.min(p1x, p2x)
                || Math.max(p1y, p2y) < Math.min(q1y, q2y) || Math.max(q1y, q2y) < Math.min(p1y, p2y)) {
            return false;
        }
        int a = CGAlgorithmsDD.orientationIndex(p1x, p1y, p2x, p2y, q1x, q1y);
        int b = CGAlgorithmsDD.orientationIndex(p1x, p1y, p2x, p2y, q2x, q2y);
        if (a * b > 0) {
            return false;
        }
        int c = CGAlgorithmsDD.orientationIndex(q1x, q1y, q2x, q2y, p1x, p1y);
        int d = CGAlgorithmsDD.orientationIndex(q1x, q1y, q2x, q2y, p2x, p2y);
        if (c * d > 0) {
            return false;
        }
        // proper or touching crossing; or both collinear on one line, where overlapping envelopes mean overlap
        return true;
    }
}
