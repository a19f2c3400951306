package org.shouhu.benchmarks.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the police: an HTTP server on a loopback port that answers 204 to
 * {@code POST /cap/<device>/<sequence>} and notes when each press first arrived. It runs in a JVM of its own, a
 * child process of the harness, so that the harness's garbage collections and threads (publishers, ingest) do not
 * delay it, as they would not delay a real receiver; it reports each first arrival as a {@link System#nanoTime()}
 * reading, which on Linux is the same clock in every process of the machine. Thread-safe.
 */
final class PoliceReceiver implements AutoCloseable {

    private final Process process;
    private final Map<String, Long> arrivedNanos = new ConcurrentHashMap<>();
    private final int port;

    PoliceReceiver() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PoliceReceiver.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        String first = lines.readLine();
        if (first == null || !first.startsWith("port ")) {
            process.destroyForcibly();
            throw new IOException("the police receiver did not start: " + first);
        }
        port = Integer.parseInt(first.substring("port ".length()));
        Thread reader = new Thread(() -> readArrivals(lines), "police-receiver-arrivals");
        reader.setDaemon(true);
        reader.start();
    }

    private void readArrivals(BufferedReader lines) {
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int space = line.indexOf(' ');
                arrivedNanos.putIfAbsent(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
            }
        } catch (IOException | RuntimeException e) {
            // The receiver is gone; presses it did not report count as missing.
        }
    }

    int port() {
        return port;
    }

    static String path(long imei, long sequence) {
        return "/cap/" + imei + "/" + sequence;
    }

    /** When the press arrived first (System.nanoTime), or null if it has not. */
    Long arrived(long imei, long sequence) {
        return arrivedNanos.get(path(imei, sequence));
    }

    /** Ends the receiver's process: it stops once its standard input closes. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // It is being stopped either way.
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * The receiver's process: prints {@code port <n>}, then {@code <nanoTime> <path>} for each request as its body
     * arrives, and exits when its standard input closes.
     */
    public static void main(String[] args) throws IOException {
        Vertx vertx = Vertx.vertx();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setTcpNoDelay(true))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    long arrived = System.nanoTime();
                    synchronized (out) {
                        out.println(arrived + " " + request.path());
                        out.flush();
                    }
                    request.response().setStatusCode(204).end();
                }));
        server.listen().await();
        synchronized (out) {
            out.println("port " + server.actualPort());
            out.flush();
        }
        while (System.in.read() >= 0) {
            // Runs until the harness closes the pipe (or dies).
        }
        System.exit(0);
    }
}
