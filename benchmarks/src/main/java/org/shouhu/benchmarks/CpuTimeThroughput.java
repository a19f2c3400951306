package org.shouhu.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneLocator;
import org.shouhu.geofence.ZoneLocators;

/**
 * Throughput per second of CPU time of the measuring thread, as a companion to {@link ContainmentBenchmark} and
 * {@link EvaluationBenchmark} on a machine whose cores are shared with other work: JMH reports operations per second
 * of wall time, which on an oversubscribed machine understates what one core does. Same workloads, same seeds. Prints
 * one line per locator ({@code grid}, {@code strtree}, {@code naive}) or for {@code evaluate} (full rule evaluation
 * for as many devices as zones).
 *
 * <p>Run: {@code java -Xmx6g -cp benchmarks/target-geo/benchmarks.jar org.shouhu.benchmarks.CpuTimeThroughput [zones]
 * [seconds] [grid|strtree|naive|evaluate...]}
 */
public final class CpuTimeThroughput {

    private static final int FIXES = 1 << 20;

    private CpuTimeThroughput() {
    }

    public static void main(String[] args) {
        int zoneCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        String[] locators = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length)
                : new String[] {"grid", "strtree", "naive"};
        PrefectureWorkload workload = new PrefectureWorkload(20261123L, zoneCount);
        double[][] fixes = workload.fixes(7L, FIXES);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String name : locators) {
            if (name.equals("evaluate")) {
                evaluate(zoneCount, seconds, threads);
                continue;
            }
            ZoneLocator locator = build(name, workload);
            long[] found = new long[1];
            Consumer<Zone> counter = zone -> found[0]++;
            run(locator, fixes, counter, seconds / 3, threads); // warm-up
            found[0] = 0;
            long[] measured = run(locator, fixes, counter, seconds, threads);
            double perCpuSecond = measured[0] / (measured[1] / 1e9);
            double perWallSecond = measured[0] / (measured[2] / 1e9);
            System.out.printf("%-8s zones=%d fixes=%d found=%d  %,.0f fixes/s of CPU time  %,.0f fixes/s of wall time%n",
                    name, zoneCount, measured[0], found[0], perCpuSecond, perWallSecond);
        }
    }

    private static void evaluate(int zoneCount, double seconds, ThreadMXBean threads) {
        EvaluationWorkload workload = new EvaluationWorkload(zoneCount, zoneCount);
        long events = 0;
        for (int pass = 0; pass < 2; pass++) { // warm-up, then measured
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            long budget = (long) ((pass == 0 ? seconds / 3 : seconds) * 1e9);
            long count = 0;
            events = 0;
            while (threads.getCurrentThreadCpuTime() - cpuStart < budget) {
                for (int k = 0; k < 4096; k++) {
                    events += workload.next().size();
                }
                count += 4096;
            }
            if (pass == 1) {
                long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
                System.out.printf("evaluate zones=%d devices=%d fixes=%d events=%d  %,.0f fixes/s of CPU time  "
                        + "%,.0f fixes/s of wall time%n", zoneCount, zoneCount, count, events, count / (cpu / 1e9),
                        count / ((System.nanoTime() - wallStart) / 1e9));
            }
        }
    }

    private static String name(ZoneLocator locator) {
        return locator.getClass().getSimpleName();
    }

    static ZoneLocator build(String name, PrefectureWorkload workload) {
        switch (name) {
            case "grid":
                return ZoneLocators.grid(workload.zones());
            case "strtree":
                return ZoneLocators.strTree(workload.zones());
            case "naive":
                return ZoneLocators.naive(workload.zones());
            default:
                throw new IllegalArgumentException("unknown locator " + name + " (grid, strtree, naive)");
        }
    }

    /** @return {fixes, thread CPU nanos, wall nanos} */
    private static long[] run(ZoneLocator locator, double[][] fixes, Consumer<Zone> counter, double seconds,
                              ThreadMXBean threads) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long budget = (long) (seconds * 1e9);
        long count = 0;
        int i = 0;
        int block = locator.size() > 10_000 && name(locator).contains("Naive") ? 4 : 4096; // naive: ~10 fixes/s
        while (threads.getCurrentThreadCpuTime() - cpuStart < budget) {
            for (int k = 0; k < block; k++) {
                locator.forEachContaining(fixes[0][i], fixes[1][i], counter);
                i = (i + 1) & (FIXES - 1);
            }
            count += block;
        }
        return new long[] {count, threads.getCurrentThreadCpuTime() - cpuStart, System.nanoTime() - wallStart};
    }
}
