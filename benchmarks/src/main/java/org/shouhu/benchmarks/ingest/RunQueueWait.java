package org.shouhu.benchmarks.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long a Linux thread or process has waited, runnable, for a core: the second field of its
 * {@code /proc/.../schedstat}, in nanoseconds. The difference of two readings over an interval says how much of that
 * interval it spent waiting to be scheduled rather than working or blocked. Reads -1 where the file cannot be read
 * (no such process, or not Linux).
 */
final class RunQueueWait {

    private RunQueueWait() {
    }

    /** The calling thread's {@code /proc} directory, as {@code /proc/<pid>/task/<tid>}, or null where unknown. */
    static Path currentThread() {
        try {
            return Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self")));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The process's {@code /proc} directory, or null for pid 0. */
    static Path process(long pid) {
        return pid > 0 ? Path.of("/proc", Long.toString(pid)) : null;
    }

    /** Nanoseconds the thread or process of the given {@code /proc} directory has waited for a core, or -1. */
    static long read(Path procDirectory) {
        if (procDirectory == null) {
            return -1;
        }
        try {
            String[] fields = Files.readString(procDirectory.resolve("schedstat")).trim().split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
