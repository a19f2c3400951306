package org.shouhu.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneLocator;
import org.shouhu.geofence.ZoneLocators;

/**
 * Containment of one fix against the prefecture's zones: which zones contain it. One operation is one fix, so the
 * score is fixes per second on one core. Compares the engine's grid index with an R-tree plus prepared geometries and
 * with testing every zone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
public class ContainmentBenchmark {

    private static final int FIXES = 1 << 20;

    @Param({"grid", "strtree", "naive"})
    public String locator;

    @Param({"100000"})
    public int zones;

    private ZoneLocator index;
    private double[] lats;
    private double[] lons;
    private int cursor;
    private int found;
    private final Consumer<Zone> counter = zone -> found++;

    @Setup(Level.Trial)
    public void setUp() {
        PrefectureWorkload workload = new PrefectureWorkload(20261123L, zones);
        index = switch (locator) {
            case "grid" -> ZoneLocators.grid(workload.zones());
            case "strtree" -> ZoneLocators.strTree(workload.zones());
            case "naive" -> ZoneLocators.naive(workload.zones());
            default -> throw new IllegalArgumentException(locator);
        };
        double[][] fixes = workload.fixes(7L, FIXES);
        lats = fixes[0];
        lons = fixes[1];
    }

    @Benchmark
    public void containingZones(Blackhole blackhole) {
        int i = cursor++ & (FIXES - 1);
        found = 0;
        index.forEachContaining(lats[i], lons[i], counter);
        blackhole.consume(found);
    }
}
