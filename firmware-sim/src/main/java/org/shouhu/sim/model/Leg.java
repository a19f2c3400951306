package org.shouhu.sim.model;

import java.time.Instant;
import org.shouhu.sim.region.GeoPoint;

/** A stretch of a day: staying at {@code from == to}, or moving in a straight line from one point to another. */
record Leg(Instant start, Instant end, GeoPoint from, GeoPoint to, Activity activity) {

    Leg {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("leg ends before it starts: " + start + " .. " + end);
        }
    }

    boolean covers(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    Whereabouts at(Instant t) {
        long total = end.toEpochMilli() - start.toEpochMilli();
        if (from.equals(to) || total <= 0) {
            return Whereabouts.still(to, activity);
        }
        double f = Math.min(1.0, Math.max(0.0, (t.toEpochMilli() - start.toEpochMilli()) / (double) total));
        double speed = from.distanceMetres(to) / (total / 1000.0);
        return new Whereabouts(from.towards(to, f), speed, from.bearingDegreesTo(to), activity);
    }
}
