package org.shouhu.benchmarks.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time and times scheduled in of this JVM's threads, grouped by name without its trailing number ({@code vert.x-eventloop-thread-3}
 * and {@code -7} are one group; the kernel keeps the first 15 characters of a name), so that a run's JVM time can be
 * split into publishers, subscriber or ingest event loops, writer lanes, collector and compiler threads. The times a
 * thread was scheduled in count its wake-ups, each of which costs a context switch. Linux only (reads
 * /proc/self/task/N/schedstat, which needs schedstats in the kernel); elsewhere every reading is empty.
 */
final class ThreadCpu {

    private ThreadCpu() {
    }

    /** CPU used and times scheduled in so far, per thread id, with the thread's group. */
    record Reading(Map<String, Sample> threads) {

        /**
         * CPU and wake-ups per group between {@code earlier} and this reading. Threads that ended meanwhile are lost,
         * so a run's short-lived threads (the harness's publishing threads) are missing.
         */
        Map<String, Sample> groupsSince(Reading earlier) {
            Map<String, Sample> groups = new TreeMap<>();
            threads.forEach((tid, now) -> {
                Sample before = earlier.threads.getOrDefault(tid, new Sample(now.group, 0, 0));
                groups.merge(now.group, new Sample(now.group, now.nanos - before.nanos, now.slices - before.slices),
                        (a, b) -> new Sample(a.group, a.nanos + b.nanos, a.slices + b.slices));
            });
            return groups;
        }

        /**
         * The groups of the difference, largest first: CPU in microseconds and wake-ups per message, and what the
         * process used beyond them ({@code jvmNanos}, its whole CPU time over the same span), which is the threads
         * that ended within it: the publishing threads of the run.
         */
        String perMessage(Reading earlier, long messages, long jvmNanos) {
            List<Sample> groups = groupsSince(earlier).values().stream()
                    .filter(g -> g.nanos / 1e3 / messages >= 0.1)
                    .sorted((a, b) -> Long.compare(b.nanos, a.nanos))
                    .collect(Collectors.toList());
            StringBuilder out = new StringBuilder("JVM threads per message (CPU, wake-ups):");
            long listed = 0;
            for (Sample group : groups) {
                listed += group.nanos;
                out.append(String.format(" %s %.1f µs %.2f;", group.group, group.nanos / 1e3 / messages,
                        (double) group.slices / messages));
            }
            out.append(String.format(" ended threads (publishing) %.1f µs", (jvmNanos - listed) / 1e3 / messages));
            return out.toString();
        }
    }

    /** @param slices times the thread was scheduled in */
    record Sample(String group, long nanos, long slices) {
    }

    static Reading read() {
        Map<String, Sample> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    // cpu time (ns), time waiting for a core (ns), times scheduled in
                    String[] fields = Files.readString(task.resolve("schedstat")).strip().split(" ");
                    threads.put(task.getFileName().toString(),
                            new Sample(group(name), Long.parseLong(fields[0]), Long.parseLong(fields[2])));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while the directory was read
                }
            }
        } catch (IOException e) {
            return new Reading(Map.of());
        }
        return new Reading(threads);
    }

    /** The name without a trailing number and the separator before it. */
    static String group(String name) {
        return name.replaceAll("[-#_ ]?\\d+$", "").strip();
    }
}
