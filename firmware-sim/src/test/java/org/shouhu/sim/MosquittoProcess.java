package org.shouhu.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker of a test's own, a child process on a free port of 127.0.0.1 that the test can stop and start
 * again. Sessions and queued messages are saved to the test's directory when it stops (SIGTERM) and read back when it
 * starts, as a production broker with persistence does over a restart. Not thread-safe.
 */
final class MosquittoProcess implements AutoCloseable {

    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private MosquittoProcess(Path dir, int port) throws IOException {
        this.port = port;
        this.config = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + "/",
                "autosave_interval 0",
                // Started as root, Mosquitto would switch to its own user, which cannot write the test's directory.
                "user " + System.getProperty("user.name"),
                "max_queued_messages 100000",
                "log_dest stderr",
                "log_type error",
                "log_type warning", ""));
    }

    /** Starts a broker whose files live in {@code dir}. */
    static MosquittoProcess start(Path dir) throws IOException, InterruptedException {
        MosquittoProcess broker = new MosquittoProcess(dir, freePort());
        broker.start();
        return broker;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker again (after {@link #stop()}), on the same port and files; returns once it accepts. */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("mosquitto", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("mosquitto did not start on port " + port + ": "
                        + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    /** Stops the broker as an operator would (SIGTERM): it drops every connection and saves its sessions. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
