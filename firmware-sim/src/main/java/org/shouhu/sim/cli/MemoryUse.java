package org.shouhu.sim.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The memory this process uses: heap in use after a collection, committed heap, non-heap, and resident set size
 * (from /proc/self/status; -1 where there is none).
 */
record MemoryUse(long heapUsedBytes, long heapCommittedBytes, long nonHeapBytes, long rssBytes) {

    static MemoryUse now() {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        return new MemoryUse(heap.getUsed(), heap.getCommitted(), nonHeap.getUsed(), residentSetSize());
    }

    private static long residentSetSize() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux: no RSS figure.
        }
        return -1;
    }

    /** The memory of this process and another together (RSS counted only where both have a figure). */
    MemoryUse plus(MemoryUse other) {
        return new MemoryUse(heapUsedBytes + other.heapUsedBytes, heapCommittedBytes + other.heapCommittedBytes,
                nonHeapBytes + other.nonHeapBytes, rssBytes < 0 || other.rssBytes < 0 ? -1 : rssBytes + other.rssBytes);
    }

    String format(String who) {
        return String.format(Locale.ROOT, "memory of %s: heap used %d MiB (after GC), heap committed %d MiB, "
                + "non-heap %d MiB, RSS %s", who, heapUsedBytes >> 20, heapCommittedBytes >> 20, nonHeapBytes >> 20,
                rssBytes < 0 ? "n/a" : (rssBytes >> 20) + " MiB");
    }
}
