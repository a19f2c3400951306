package org.shouhu.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.shouhu.embedded.internal.Directories;
import org.shouhu.embedded.internal.FreePort;
import org.shouhu.embedded.internal.HiveMqConfig;
import org.shouhu.embedded.internal.HiveMqTuning;
import org.shouhu.embedded.internal.QuietLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1/5 broker (HiveMQ Community Edition) running inside this JVM, listening on 127.0.0.1 only, without
 * authentication, without extensions and without any outbound connection (anonymous usage statistics are off).
 * QoS 0/1/2, retained messages, persistent sessions and shared subscriptions ({@code $share/GROUP/FILTER}) work as in
 * a stand-alone HiveMQ. Each offline persistent session queues up to {@value #MAX_QUEUED_PER_SESSION} messages.
 * Tuned for one broker on a small machine (see {@link HiveMqTuning}): it starts in about a second once its classes
 * are loaded.
 *
 * <p>The broker's files live under the caller's data directory; with {@link BrokerPersistence#FILE} its sessions and
 * queued messages survive a restart on the same directory. The broker's libraries log at WARN unless the
 * application configured them. If {@link #close()} was not called, a JVM shutdown hook stops a broker with file
 * persistence, so that its files are consistent for the next start.
 * Thread-safe.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    /** Messages queued per offline persistent session before new ones are dropped. */
    public static final long MAX_QUEUED_PER_SESSION = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);
    private static final int START_ATTEMPTS = 3;
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final Object START_LOCK = new Object();

    private final EmbeddedHiveMQ hivemq;
    private final Path scratch;
    private final Path dataDir;
    private final int port;
    private final BrokerPersistence persistence;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, Path scratch, Path dataDir, int port,
                               BrokerPersistence persistence) {
        this.hivemq = hivemq;
        this.scratch = scratch;
        this.dataDir = dataDir;
        this.port = port;
        this.persistence = persistence;
        this.shutdownHook = new Thread(this::stopOnShutdown, "embedded-mqtt-shutdown");
    }

    /** Starts a broker that keeps its state on disk in {@code dataDir} ({@link BrokerPersistence#FILE}). */
    public static EmbeddedMqttBroker start(Path dataDir, int port) {
        return start(dataDir, port, BrokerPersistence.FILE);
    }

    /**
     * Starts a broker and returns once it accepts connections.
     *
     * @param dataDir     the directory for the broker's files (created if absent; kept after {@link #close()})
     * @param port        the TCP port on 127.0.0.1, or 0 for any free port
     * @param persistence where sessions and queued messages are kept
     * @throws EmbeddedServiceException if the broker does not start
     */
    public static EmbeddedMqttBroker start(Path dataDir, int port, BrokerPersistence persistence) {
        FreePort.requireValid(port);
        Objects.requireNonNull(persistence, "persistence");
        Path dir = dataDir.toAbsolutePath().normalize();
        QuietLogging.forBroker();
        long began = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int chosen = port == 0 ? FreePort.onLoopback() : port;
            try {
                EmbeddedMqttBroker broker = launch(dir, chosen, persistence);
                Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
                LOG.info("Embedded MQTT broker on {} ({} persistence in {}) ready in {} ms", broker.url(),
                        persistence, dir, (System.nanoTime() - began) / 1_000_000);
                return broker;
            } catch (EmbeddedServiceException e) {
                // With a port of our choosing, another process may have taken it meanwhile: choose again.
                if (port != 0 || attempt >= START_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Embedded MQTT broker did not start on port {}; trying another", chosen, e);
            }
        }
    }

    private static EmbeddedMqttBroker launch(Path dir, int port, BrokerPersistence persistence) {
        Path scratch = null;
        EmbeddedHiveMQ hivemq = null;
        try {
            Files.createDirectories(dir);
            scratch = Files.createTempDirectory("shouhu-mqtt-");
            Path config = Files.createDirectories(scratch.resolve("conf"));
            Path extensions = Files.createDirectories(scratch.resolve("extensions"));
            new HiveMqConfig(port, persistence == BrokerPersistence.FILE, MAX_QUEUED_PER_SESSION).writeTo(config);
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(dir)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap()
                    .build();
            // HiveMQ reads its tuning from process-wide settings while starting: one start at a time.
            synchronized (START_LOCK) {
                HiveMqTuning.forDataDirectory(dir).apply();
                hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            requireListening(port);
            return new EmbeddedMqttBroker(hivemq, scratch, dir, port, persistence);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            stopQuietly(hivemq);
            Directories.deleteQuietly(scratch);
            throw new EmbeddedServiceException("could not start the embedded MQTT broker on 127.0.0.1:" + port
                    + " with data in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(hivemq);
            Directories.deleteQuietly(scratch);
            throw new EmbeddedServiceException("interrupted while starting the embedded MQTT broker", e);
        }
    }

    /** HiveMQ reports a listener that failed to bind only in its log, so the port is checked directly. */
    private static void requireListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        } catch (IOException e) {
            throw new EmbeddedServiceException("the broker started but does not listen on 127.0.0.1:" + port
                    + " (port taken by another process?)", e);
        }
    }

    /** {@code tcp://127.0.0.1:PORT}, for MQTT clients. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TCP port the broker listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The broker's data directory. */
    public Path dataDirectory() {
        return dataDir;
    }

    /** Stops the broker, disconnecting its clients. The data directory is kept. Idempotent. */
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
        stop();
    }

    /** Holds the monitor for the whole stop, so that a concurrent {@link #close()} returns only once it is done. */
    private synchronized void stopOnShutdown() {
        if (closed) {
            return;
        }
        closed = true;
        if (persistence == BrokerPersistence.IN_MEMORY) {
            // Nothing outlives the JVM, and HiveMQ's graceful stop takes about four seconds of fixed waits.
            Directories.deleteQuietly(scratch);
            return;
        }
        stop();
    }

    private void stop() {
        long began = System.nanoTime();
        try {
            hivemq.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            hivemq.close();
            LOG.debug("Embedded MQTT broker on {} stopped in {} ms", url(), (System.nanoTime() - began) / 1_000_000);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedServiceException("could not stop the embedded MQTT broker on " + url(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("interrupted while stopping the embedded MQTT broker", e);
        } finally {
            Directories.deleteQuietly(scratch);
        }
    }

    private static void stopQuietly(EmbeddedHiveMQ hivemq) {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception | LinkageError ignored) {
            // Already failing; the original error is the one worth reporting.
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMqttBroker[" + url() + ", " + dataDir + "]";
    }
}
