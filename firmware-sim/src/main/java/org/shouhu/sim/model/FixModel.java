package org.shouhu.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.sim.internal.Seeds;
import org.shouhu.sim.region.GeoPoint;

/**
 * Turns where a child truly is into what the wristband's receivers report: a GNSS fix whose error and reported
 * accuracy grow indoors and in valleys, a cell-tower fix with accuracy of hundreds of metres to kilometres when GNSS
 * fails, or no position at all when there is neither. Positions are drawn so that the true position lies inside the
 * reported accuracy circle most of the time, as on real receivers. GNSS fixes carry GNSS time; other fixes carry the
 * device's own clock, which may be skewed. Stateless and thread-safe.
 */
public final class FixModel {

    private FixModel() {
    }

    /**
     * @param truth    where the child is
     * @param t        the true instant of the fix
     * @param skew     how far the device's own clock is off
     * @param random   the stream for this fix
     */
    public static Fix fix(Whereabouts truth, Instant t, Duration skew, SplittableRandom random) {
        double valley = Terrain.valleyDepth(truth.position());
        double gnssFailure = truth.activity().indoors() ? 0.30 + 0.3 * valley : 0.02 + 0.25 * valley;
        if (random.nextDouble() >= gnssFailure) {
            return gnss(truth, t, valley, random);
        }
        if (Terrain.hasCoverage(truth.position())) {
            return cell(truth, t.plus(skew), random);
        }
        return Fix.none(t.plus(skew));
    }

    private static Fix gnss(Whereabouts truth, Instant t, double valley, SplittableRandom random) {
        double base = truth.activity().indoors() ? 25 : 5;
        double accuracy = base * (1 + 3 * valley) * (0.7 + 0.7 * random.nextDouble());
        GeoPoint observed = scatter(truth.position(), accuracy / 2, random);
        double speed = truth.moving() ? Math.max(0, truth.speedMps() + 0.2 * Seeds.gaussian(random)) : 0;
        double heading = truth.moving() ? normaliseHeading(truth.headingDegrees() + 8 * Seeds.gaussian(random)) : 0;
        return new Fix(t, observed.latitude(), observed.longitude(), (int) Math.round(accuracy), FixSource.GNSS,
                Math.min(speed, Fix.MAX_SPEED_MPS), heading);
    }

    private static Fix cell(Whereabouts truth, Instant deviceTime, SplittableRandom random) {
        double accuracy = 400 + random.nextDouble() * 2100;
        GeoPoint observed = scatter(truth.position(), accuracy / 2, random);
        return new Fix(deviceTime, observed.latitude(), observed.longitude(), (int) Math.round(accuracy),
                FixSource.CELL, 0, 0);
    }

    private static GeoPoint scatter(GeoPoint truth, double sigmaMetres, SplittableRandom random) {
        return truth.offsetMetres(sigmaMetres * Seeds.gaussian(random), sigmaMetres * Seeds.gaussian(random));
    }

    private static double normaliseHeading(double degrees) {
        double h = degrees % 360.0;
        if (h < 0) {
            h += 360.0;
        }
        return h >= 360.0 ? 0.0 : h;
    }
}
