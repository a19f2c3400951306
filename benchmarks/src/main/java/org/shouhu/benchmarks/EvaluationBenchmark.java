package org.shouhu.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.shouhu.geofence.DailyWindow;
import org.shouhu.geofence.EngineSettings;
import org.shouhu.geofence.GeofenceEngine;
import org.shouhu.geofence.InMemoryGeofenceStateStore;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Schedule;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;

/**
 * Full rule evaluation: {@link GeofenceEngine#onFix} for fixes of many devices (containment with accuracy, per-device
 * state, debounce, schedules, rules, and the state save to an in-memory store). One operation is one fix; devices
 * take turns, each fix one second after that device's previous one. Accuracy mix: 85 % GNSS 5-30 m, 12 % Wi-Fi
 * 40-100 m, 3 % cell 500-1,500 m.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class EvaluationBenchmark {

    private static final int FIXES_PER_DEVICE = 16;

    @Param({"100000"})
    public int zones;

    @Param({"100000"})
    public int devices;

    private GeofenceEngine engine;
    private DeviceId[] ids;
    private double[] lats;
    private double[] lons;
    private int[] accuracies;
    private long counter;
    private Instant start;

    @Setup(Level.Trial)
    public void setUp() {
        PrefectureWorkload workload = new PrefectureWorkload(20261123L, zones);
        engine = new GeofenceEngine(Clock.systemUTC(), EngineSettings.DEFAULT, new InMemoryGeofenceStateStore());
        engine.putZones(workload.zones());
        List<Rule> rules = new ArrayList<>();
        Schedule schoolHours = Schedule.weekdays(new DailyWindow(java.time.LocalTime.of(7, 30),
                java.time.LocalTime.of(16, 30)));
        for (Zone zone : workload.zones()) {
            if (zone.kind() == ZoneKind.SCHOOL) {
                rules.add(new Rule.LeftZone("left-" + zone.id(), zone.id(), schoolHours, Set.of(), Set.of("teacher")));
            }
        }
        rules.add(new Rule.EnteredDanger("danger", Set.of(), Schedule.ALWAYS, Set.of(), Set.of("guardian")));
        rules.add(new Rule.ZoneActivity("activity", null, Set.of(), Set.of("guardian")));
        engine.putRules(rules);
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
        start = Instant.parse("2026-11-23T00:00:00Z"); // 08:00 in Shanghai on a Monday: school hours
    }

    @Benchmark
    public void onFix(Blackhole blackhole) {
        long n = counter++;
        int device = (int) (n % devices);
        long round = n / devices;
        int slot = device * FIXES_PER_DEVICE + (int) (round % FIXES_PER_DEVICE);
        Fix fix = new Fix(start.plusSeconds(round), lats[slot], lons[slot], accuracies[slot], FixSource.GNSS, 0, 0);
        blackhole.consume(engine.onFix(ids[device], fix, false));
    }
}
