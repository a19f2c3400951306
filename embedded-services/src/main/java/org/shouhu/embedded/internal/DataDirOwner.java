package org.shouhu.embedded.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Records which JVM started the server of a data directory, in a file beside PostgreSQL's own lock file. A server
 * started by a JVM that has since died (killed, crashed) is an orphan that can be stopped and restarted; one started
 * by a JVM that still runs belongs to that JVM. The JVM is identified by process id and start time, so a reused
 * process id is not mistaken for the owner. Immutable and thread-safe.
 *
 * @param pid              the owning JVM's process id
 * @param startEpochMillis when that process started
 */
public record DataDirOwner(long pid, long startEpochMillis) {

    static final String FILE_NAME = "shouhu-owner.pid";

    /** This JVM. */
    public static DataDirOwner currentJvm() {
        ProcessHandle self = ProcessHandle.current();
        return new DataDirOwner(self.pid(), startOf(self));
    }

    /** The recorded owner of {@code dataDir}, if any. */
    public static Optional<DataDirOwner> read(Path dataDir) {
        try {
            String[] fields = Files.readString(dataDir.resolve(FILE_NAME), StandardCharsets.UTF_8).trim().split("\\s+");
            return Optional.of(new DataDirOwner(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records this owner for {@code dataDir}. */
    public void write(Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve(FILE_NAME), pid + " " + startEpochMillis + "\n", StandardCharsets.UTF_8);
    }

    /** Whether the owning process still runs. */
    public boolean alive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(handle -> startOf(handle) == startEpochMillis)
                .orElse(false);
    }

    public boolean isCurrentJvm() {
        return equals(currentJvm());
    }

    private static long startOf(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }
}
