package org.shouhu.sim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How many files (sockets included) this process may have open, from {@code /proc/self/limits}. The JVM raises its
 * soft limit to the hard one at start, and child processes inherit it, so this is also what a child JVM gets.
 */
final class OpenFileLimit {

    /** Files a simulator process has open besides its bands' connections (jars, epoll, pipes), with margin. */
    static final int OTHER_FILES = 500;

    private OpenFileLimit() {
    }

    /** The limit, or empty where it cannot be read (not Linux) or there is none. */
    static OptionalLong current() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(soft) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No figure: nothing to check against.
        }
        return OptionalLong.empty();
    }

    /** The most bands one process can connect under this limit. */
    static long bandsPerProcess(long limit) {
        return Math.max(1, limit - OTHER_FILES);
    }
}
