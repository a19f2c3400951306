package org.shouhu.benchmarks.dispatch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * What this machine allows at best, measured in the same run as the dispatch figures: durable commits per second of
 * a one-row transaction, and HTTP POSTs per second to the loopback receiver with nothing else around them.
 */
final class RawLimits {

    private RawLimits() {
    }

    static void print(DataSource dataSource, Vertx vertx, FlakyReceiver receiver, int requests) throws Exception {
        System.out.printf("%nraw limits of this machine, same run:%n");
        System.out.printf("  PostgreSQL durable commits of a one-row insert, 1 connection: %.0f/s%n",
                commitsPerSecond(dataSource, 1));
        System.out.printf("  PostgreSQL durable commits of a one-row insert, 4 connections: %.0f/s%n",
                commitsPerSecond(dataSource, 4));
        long cpuBefore = jvmCpuNanos();
        double posts = postsPerSecond(vertx, receiver, requests);
        System.out.printf("  HTTP POST of a 1 KiB body to the loopback receiver, 200 in flight: %.0f/s, %.2f ms JVM "
                + "CPU per request (client and receiver)%n", posts, (jvmCpuNanos() - cpuBefore) / 1e6 / requests);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double commitsPerSecond(DataSource dataSource, int connections) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS raw_commit (id bigserial PRIMARY KEY, x integer)");
            connection.commit();
        }
        long seconds = 2;
        AtomicInteger commits = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] threads = new Thread[connections];
        for (int t = 0; t < connections; t++) {
            threads[t] = new Thread(() -> {
                try (Connection connection = dataSource.getConnection();
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO raw_commit (x) VALUES (1)")) {
                    while (System.nanoTime() < deadline) {
                        insert.executeUpdate();
                        connection.commit();
                        commits.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return commits.get() / (double) seconds;
    }

    private static double postsPerSecond(Vertx vertx, FlakyReceiver receiver, int requests) throws Exception {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(32));
        Buffer body = Buffer.buffer("x".repeat(1024));
        String url = receiver.url("/raw");
        CountDownLatch done = new CountDownLatch(requests);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < Math.min(200, requests); i++) {
            vertx.runOnContext(v -> post(client, url, body, next, requests, done));
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("HTTP requests did not finish");
        }
        long took = System.nanoTime() - start;
        client.close();
        return requests / (took / 1e9);
    }

    private static void post(WebClient client, String url, Buffer body, AtomicInteger next, int requests,
                             CountDownLatch done) {
        int n = next.getAndIncrement();
        if (n >= requests) {
            return;
        }
        Future<?> sent = client.postAbs(url).putHeader("Idempotency-Key", "raw-" + n).sendBuffer(body);
        sent.onComplete(r -> {
            done.countDown();
            post(client, url, body, next, requests, done);
        });
    }
}
