package org.shouhu.sim.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where a child is at any instant, following a daily routine in the Asia/Shanghai time zone (see {@link DayPlanner}).
 * A pure function of the profile, the seed and the instant: asking twice, or in any order, gives the same answer.
 * Not thread-safe (it caches the plan of the last day asked about).
 */
public final class DailyRoutine {

    private final DayPlanner planner;
    private LocalDate cachedDate;
    private List<Leg> cachedLegs;

    public DailyRoutine(DeviceProfile profile, long seed) {
        this.planner = new DayPlanner(profile, seed);
    }

    public Whereabouts at(Instant t) {
        LocalDate date = t.atZone(DayPlanner.ZONE).toLocalDate();
        if (!date.equals(cachedDate)) {
            cachedLegs = planner.plan(date);
            cachedDate = date;
        }
        for (Leg leg : cachedLegs) {
            if (leg.covers(t)) {
                return leg.at(t);
            }
        }
        Leg last = cachedLegs.get(cachedLegs.size() - 1);
        return last.at(last.end());
    }
}
