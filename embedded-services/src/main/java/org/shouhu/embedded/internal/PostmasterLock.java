package org.shouhu.embedded.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} lock file of a PostgreSQL data directory and what it says about the server that wrote
 * it. The file's first line is the postmaster's process id, its second the data directory and its fifth the Unix
 * socket directory. Immutable and thread-safe.
 *
 * @param file      the lock file
 * @param pid       the process id it names
 * @param socketDir the server's Unix socket directory, if the file names one
 */
public record PostmasterLock(Path file, long pid, Optional<Path> socketDir) {

    public static final String FILE_NAME = "postmaster.pid";

    /** The lock file of {@code dataDir}, if there is one with a readable process id. */
    public static Optional<PostmasterLock> read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            Optional<Path> socketDir = lines.size() > 4 && !lines.get(4).isBlank()
                    ? Optional.of(Path.of(lines.get(4).trim()))
                    : Optional.empty();
            return Optional.of(new PostmasterLock(file, Long.parseLong(lines.get(0).trim()), socketDir));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the named process is alive and runs a PostgreSQL server program. */
    public boolean serverAlive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && runsPostgres();
    }

    private boolean runsPostgres() {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            String command = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
            int end = command.indexOf('\0');
            String program = end < 0 ? command : command.substring(0, end);
            return program.endsWith("/postgres") || program.equals("postgres") || program.startsWith("postgres:");
        } catch (IOException e) {
            // Without /proc, trust the process id: PostgreSQL itself checks it again on start.
            return ProcessHandle.of(pid).isPresent();
        }
    }

    /** Removes the lock file; only for a lock whose server is gone. */
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
