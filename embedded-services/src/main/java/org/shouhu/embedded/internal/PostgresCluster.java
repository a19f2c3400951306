package org.shouhu.embedded.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL data directory and the commands that act on it: initialise, clear what a crashed run left behind,
 * start, stop. The server's log (and the tools' output) is appended to {@code postgres.log} in the data directory;
 * Unix sockets go to a private runtime directory. Failures raise {@link ClusterException} carrying the end of the
 * log. Not thread-safe: the owning {@code EmbeddedPostgres} serialises calls.
 */
public final class PostgresCluster {

    public static final String LOG_FILE = "postgres.log";
    /** Name prefix of the private temporary directory that holds a server's Unix socket. */
    public static final String RUNTIME_PREFIX = "shouhu-pg-";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    private static final int LOG_LINES_IN_ERRORS = 25;
    private static final int START_ATTEMPTS = 5;

    private final Path dataDir;
    private final Path runtimeDir;
    private final PostgresBinaries binaries;
    private final PostgresTools tools;

    public PostgresCluster(Path dataDir, Path runtimeDir, PostgresBinaries binaries, PostgresTools tools) {
        this.dataDir = dataDir;
        this.runtimeDir = runtimeDir;
        this.binaries = binaries;
        this.tools = tools;
    }

    public Path log() {
        return dataDir.resolve(LOG_FILE);
    }

    /**
     * Makes {@code dataDir} a new cluster (as {@code initdb -U postgres -A trust -E UTF8 --no-locale} would) unless it
     * already holds one. An existing directory that is not a cluster must be empty.
     */
    public void initialiseIfNeeded() throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new ClusterException("data directory " + dataDir
                            + " is neither empty nor a PostgreSQL data directory (no PG_VERSION)");
                }
            }
        }
        Files.createDirectories(dataDir.getParent());
        ClusterTemplate.copyTo(ClusterTemplate.ensure(binaries, tools), dataDir);
    }

    /**
     * Makes a data directory left by a crashed run startable. A lock file whose server is gone is deleted (PostgreSQL
     * would refuse to start if its process id had been reused). A server still running from a JVM that has died is
     * stopped. A server belonging to a live process other than this JVM is waited for, up to {@code ownerExitWait},
     * because a restarted application often starts while the old one is still stopping its server; after that it is
     * an error, and the server is left alone.
     */
    public void clearStaleLock(Duration ownerExitWait) throws IOException {
        long deadline = System.nanoTime() + ownerExitWait.toNanos();
        while (true) {
            Path lockFile = dataDir.resolve(PostmasterLock.FILE_NAME);
            Optional<PostmasterLock> lock = PostmasterLock.read(dataDir);
            if (lock.isEmpty()) {
                Files.deleteIfExists(lockFile);
                return;
            }
            if (!lock.get().serverAlive()) {
                LOG.info("Removing stale {}: process {} is no longer a PostgreSQL server", lockFile, lock.get().pid());
                lock.get().delete();
                deleteRuntimeDirectoryOf(lock.get());
                return;
            }
            Optional<DataDirOwner> owner = DataDirOwner.read(dataDir);
            if (owner.isPresent() && (owner.get().isCurrentJvm() || !owner.get().alive())) {
                LOG.warn("Stopping server process {} left running on {} by a previous run", lock.get().pid(), dataDir);
                stop();
                deleteRuntimeDirectoryOf(lock.get());
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new ClusterException("data directory " + dataDir + " is in use by running server process "
                        + lock.get().pid() + owner.map(o -> " of running process " + o.pid())
                                .orElse(", which this platform did not start"));
            }
            sleep(200);
        }
    }

    /** Removes the private socket directory of a previous run's server, which its crashed JVM could not remove. */
    private void deleteRuntimeDirectoryOf(PostmasterLock lock) {
        lock.socketDir()
                .filter(dir -> !dir.equals(runtimeDir))
                .filter(dir -> dir.getFileName() != null && dir.getFileName().toString().startsWith(RUNTIME_PREFIX))
                .ifPresent(Directories::deleteQuietly);
    }

    /**
     * Starts the server on 127.0.0.1 and waits until it is ready. With {@code port} 0 a free port is chosen, and
     * another one if it is taken before the server binds it.
     *
     * @return the port the server listens on
     */
    public int start(int port) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? FreePort.onLoopback() : port;
            long logStart = Files.exists(log()) ? Files.size(log()) : 0;
            int exit = tools.run("pg_ctl", List.of("-D", dataDir.toString(), "-l", log().toString(), "-w", "-t", "120",
                    "-o", serverOptions(chosen), "start"), log(), 150);
            if (exit == 0) {
                return chosen;
            }
            String attemptLog = logSince(logStart);
            boolean portTaken = port == 0 && attemptLog.contains("could not bind");
            boolean oldBackendsExiting = attemptLog.contains("pre-existing shared memory block");
            if (attempt >= START_ATTEMPTS || !(portTaken || oldBackendsExiting)) {
                throw new ClusterException("PostgreSQL did not start on port " + chosen + " with data directory "
                        + dataDir + " (pg_ctl exit code " + exit + "); end of " + log() + ":\n"
                        + LogTail.of(log(), LOG_LINES_IN_ERRORS));
            }
            // Backends of a killed postmaster exit on their own within moments; a taken port needs a new choice.
            sleep(oldBackendsExiting ? 500 : 50);
        }
    }

    private String serverOptions(int port) {
        return "-p " + port + " -h 127.0.0.1 -k '" + runtimeDir + "' -c fsync=on -c max_connections=300";
    }

    /** The postmaster's process id according to the lock file, if a server is running. */
    public Optional<Long> postmasterPid() {
        return PostmasterLock.read(dataDir).filter(PostmasterLock::serverAlive).map(PostmasterLock::pid);
    }

    /** Stops the server (fast shutdown: sessions are ended, work committed so far is kept), or forcibly if that fails. */
    public void stop() {
        List<String> fast = List.of("-D", dataDir.toString(), "-w", "-t", "60", "-m", "fast", "stop");
        if (tools.run("pg_ctl", fast, log(), 90) == 0) {
            return;
        }
        LOG.warn("Fast shutdown of the server on {} failed; shutting down immediately", dataDir);
        List<String> immediate = List.of("-D", dataDir.toString(), "-w", "-t", "30", "-m", "immediate", "stop");
        if (tools.run("pg_ctl", immediate, log(), 60) != 0 && postmasterPid().isPresent()) {
            throw new ClusterException("could not stop PostgreSQL on " + dataDir + "; end of " + log() + ":\n"
                    + LogTail.of(log(), LOG_LINES_IN_ERRORS));
        }
    }

    private String logSince(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            file.seek(length - bytes.length);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while preparing or starting PostgreSQL");
        }
    }

    /** A cluster operation failed; the message ends with the relevant log lines. */
    public static final class ClusterException extends RuntimeException {
        public ClusterException(String message) {
            super(message);
        }
    }
}
