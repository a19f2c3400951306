package org.shouhu.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.shouhu.geofence.DailyWindow;
import org.shouhu.geofence.EngineSettings;
import org.shouhu.geofence.GeofenceEngine;
import org.shouhu.geofence.GeofenceEvent;
import org.shouhu.geofence.InMemoryGeofenceStateStore;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Schedule;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;

/**
 * The full-evaluation workload shared by {@link EvaluationBenchmark} and {@link CpuTimeThroughput}: an engine with the
 * prefecture's zones, a left-school rule per school, a danger rule and an informational rule for every zone, and
 * {@code FIXES_PER_DEVICE} positions per device (see {@link PrefectureWorkload#deviceFixes}). Devices take turns; each
 * fix comes 30 seconds after that device's previous one (a wristband's usual reporting interval), starting at 08:00
 * on a Monday in Shanghai (school hours). Accuracy mix: 85 % GNSS 5-30 m, 12 % Wi-Fi
 * 40-100 m, 3 % cell 500-1,500 m. Not thread-safe.
 */
final class EvaluationWorkload {

    static final int FIXES_PER_DEVICE = 16;
    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");

    private final GeofenceEngine engine;
    private final int devices;
    private final DeviceId[] ids;
    private final double[] lats;
    private final double[] lons;
    private final int[] accuracies;
    private long counter;

    EvaluationWorkload(int zones, int devices) {
        PrefectureWorkload workload = new PrefectureWorkload(20261123L, zones);
        this.engine = new GeofenceEngine(Clock.systemUTC(), EngineSettings.DEFAULT, new InMemoryGeofenceStateStore());
        engine.putZones(workload.zones());
        List<Rule> rules = new ArrayList<>();
        Schedule schoolHours = Schedule.weekdays(new DailyWindow(LocalTime.of(7, 30), LocalTime.of(16, 30)));
        for (Zone zone : workload.zones()) {
            if (zone.kind() == ZoneKind.SCHOOL) {
                rules.add(new Rule.LeftZone("left-" + zone.id(), zone.id(), schoolHours, Set.of(), Set.of("teacher")));
            }
        }
        rules.add(new Rule.EnteredDanger("danger", Set.of(), Schedule.ALWAYS, Set.of(), Set.of("guardian")));
        rules.add(new Rule.ZoneActivity("activity", null, Set.of(), Set.of("guardian")));
        engine.putRules(rules);
        this.devices = devices;
        Random random = new Random(11);
        ids = new DeviceId[devices];
        lats = new double[devices * FIXES_PER_DEVICE];
        lons = new double[devices * FIXES_PER_DEVICE];
        accuracies = new int[devices * FIXES_PER_DEVICE];
        for (int d = 0; d < devices; d++) {
            ids[d] = PrefectureWorkload.device(d);
            double[][] fixes = workload.deviceFixes(d, random, FIXES_PER_DEVICE);
            System.arraycopy(fixes[0], 0, lats, d * FIXES_PER_DEVICE, FIXES_PER_DEVICE);
            System.arraycopy(fixes[1], 0, lons, d * FIXES_PER_DEVICE, FIXES_PER_DEVICE);
            for (int k = 0; k < FIXES_PER_DEVICE; k++) {
                int kind = random.nextInt(100);
                accuracies[d * FIXES_PER_DEVICE + k] = kind < 85 ? 5 + random.nextInt(26)
                        : kind < 97 ? 40 + random.nextInt(61) : 500 + random.nextInt(1001);
            }
        }
    }

    /** Evaluates the next fix of the next device. */
    List<GeofenceEvent> next() {
        long n = counter++;
        int device = (int) (n % devices);
        long round = n / devices;
        int slot = device * FIXES_PER_DEVICE + (int) (round % FIXES_PER_DEVICE);
        Fix fix = new Fix(START.plusSeconds(30 * round), lats[slot], lons[slot], accuracies[slot], FixSource.GNSS,
                0, 0);
        return engine.onFix(ids[device], fix, false);
    }
}
