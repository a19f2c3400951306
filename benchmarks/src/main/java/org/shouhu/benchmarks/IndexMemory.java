package org.shouhu.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.List;
import org.shouhu.geofence.EngineSettings;
import org.shouhu.geofence.GeofenceEngine;
import org.shouhu.geofence.InMemoryGeofenceStateStore;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneLocator;

/**
 * Retained heap of the zone indexes for the prefecture workload: the used heap after full collections, before and
 * after building each index while the zones themselves stay referenced, so the difference is what the index adds.
 * Also the zones' own footprint (their JTS geometries) and the engine with its catalog, the time to build it, the time
 * one zone change takes to apply (it goes into the overlay index), and how long the background fold of the changes
 * into the main tables then takes.
 *
 * <p>Run: {@code java -Xmx6g -XX:+UseParallelGC -cp benchmarks/target-geo/benchmarks.jar
 * org.shouhu.benchmarks.IndexMemory [zones]}
 */
public final class IndexMemory {

    private IndexMemory() {
    }

    public static void main(String[] args) {
        int zoneCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long empty = retainedHeap();
        PrefectureWorkload workload = new PrefectureWorkload(20261123L, zoneCount);
        List<Zone> zones = workload.zones();
        long withZones = retainedHeap();
        report("zones themselves (shapes, JTS geometries)", withZones - empty, zoneCount);
        for (String name : new String[] {"grid", "strtree"}) {
            keep(null);
            long start = System.nanoTime();
            ZoneLocator locator = CpuTimeThroughput.build(name, workload);
            double seconds = (System.nanoTime() - start) / 1e9;
            long with = retainedHeap();
            report(name + " index (built in " + String.format("%.1f s", seconds) + ")", with - withZones, zoneCount);
            keep(locator);
        }
        keep(null);
        GeofenceEngine engine = new GeofenceEngine(Clock.systemUTC(), EngineSettings.DEFAULT,
                new InMemoryGeofenceStateStore());
        long before = retainedHeap();
        long start = System.nanoTime();
        engine.putZones(zones);
        double build = (System.nanoTime() - start) / 1e9;
        report("engine catalog: grid index + compiled zones (built in " + String.format("%.1f s", build) + ")",
                retainedHeap() - before, zoneCount);
        // twenty changes of each kind, back to back, so the figures are of warm code; the fold waits for quiet
        double[] redraw = new double[20];
        double[] add = new double[20];
        double[] remove = new double[20];
        for (int i = 0; i < 20; i++) {
            Zone old = zones.get(10 * i);
            Zone redrawn = new Zone(old.id(), old.name(), old.kind(), old.dangerKind(), old.children(),
                    zones.get(10 * i + 1).shape(), old.timeZone()); // moved onto another zone's shape
            redraw[i] = timed(() -> engine.putZones(List.of(redrawn)));
            Zone added = new Zone("added-" + i, "added", old.kind(), old.dangerKind(), old.children(), old.shape(),
                    old.timeZone());
            add[i] = timed(() -> engine.putZones(List.of(added)));
            String removed = zones.get(10 * i + 2).id();
            remove[i] = timed(() -> engine.removeZone(removed));
        }
        report("redrawing one zone", zoneCount, redraw);
        report("adding one zone", zoneCount, add);
        report("removing one zone", zoneCount, remove);
        start = System.nanoTime();
        while (engine.zonesAwaitingFold() > 0) {
            sleep();
        }
        System.out.printf("background fold of the changes into the main tables done %.1f s after the last change%n",
                (System.nanoTime() - start) / 1e9);
        keep(engine);
    }

    /** Milliseconds a zone change takes until it applies to the next fix (the fold into the main tables follows). */
    private static double timed(Runnable change) {
        long start = System.nanoTime();
        change.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(String what, int zoneCount, double[] millis) {
        double[] sorted = millis.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%s of %,d until it applies to the next fix: median %.1f ms, min %.1f, max %.1f (%d changes)%n",
                what, zoneCount, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Object sink;

    private static void keep(Object o) {
        sink = o;
    }

    private static void report(String what, long bytes, int zones) {
        System.out.printf("%-70s %,8.1f MB  %,6d bytes a zone%n", what, bytes / 1e6, bytes / Math.max(1, zones));
    }

    /** Used heap after collections, once it has stopped shrinking. */
    private static long retainedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= previous - 1_000_000) {
                return Math.min(used, previous);
            }
            previous = used;
        }
        return previous;
    }
}
