package org.shouhu.benchmarks;

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
import org.shouhu.geofence.GeofenceEngine;

/**
 * Full rule evaluation: {@link GeofenceEngine#onFix} for fixes of many devices (containment with accuracy, per-device
 * state, debounce, schedules, rules, and the state save to an in-memory store). One operation is one fix. The
 * workload is {@link EvaluationWorkload}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms6g", "-Xmx6g"})
public class EvaluationBenchmark {

    @Param({"100000"})
    public int zones;

    @Param({"100000"})
    public int devices;

    private EvaluationWorkload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new EvaluationWorkload(zones, devices);
    }

    @Benchmark
    public void onFix(Blackhole blackhole) {
        blackhole.consume(workload.next());
    }
}
