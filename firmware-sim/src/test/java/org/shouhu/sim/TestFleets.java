package org.shouhu.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.shouhu.sim.region.RegionGenerator;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.region.RegionSettings;

/** Small generated fleets for tests, with IMEIs no other test run uses (the test broker may be shared). */
final class TestFleets {

    /** A Monday 07:05 in Guizhou: children are walking to school. */
    static final Instant MONDAY_MORNING = Instant.parse("2026-03-01T23:05:00Z");

    private TestFleets() {
    }

    static long unusedFirstImei() {
        return 990_000_000_000_000L + ThreadLocalRandom.current().nextLong(0, 9_000_000_000_000L);
    }

    static RegionPlan region(long seed, int devices, long firstImei) {
        return new RegionGenerator(RegionSettings.defaults(seed).withFirstImei(firstImei)).generate(devices);
    }

    static List<SimulatedDevice> devices(RegionPlan plan, Duration interval, PayloadForm form) {
        return plan.devices().stream().map(child -> SimulatedDevice.of(child, interval, form)).toList();
    }
}
