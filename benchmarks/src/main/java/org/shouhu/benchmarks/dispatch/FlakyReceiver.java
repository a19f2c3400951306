package org.shouhu.benchmarks.dispatch;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An HTTP receiver on a loopback port that answers 503 to a seeded random fraction of requests and 204 to the rest,
 * and records when each idempotency key was first accepted (a receiver that drops repeats, as real ones must).
 * Runs on its own Vert.x instance so that it does not share event loops with the dispatcher it measures.
 * Thread-safe.
 */
final class FlakyReceiver implements AutoCloseable {

    /** The path the police endpoint is served on; its first 2xx per alert is timed. */
    static final String POLICE_PATH = "/police";

    private final Vertx vertx;
    private final HttpServer server;
    private final double failureRate;
    private final SplittableRandom random;
    private final ConcurrentHashMap<String, Long> firstAccepted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> policeAccepted = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition accepted = lock.newCondition();

    private FlakyReceiver(Vertx vertx, double failureRate, long seed) {
        this.vertx = vertx;
        this.failureRate = failureRate;
        this.random = new SplittableRandom(seed);
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true));
    }

    static FlakyReceiver start(double failureRate, long seed) {
        FlakyReceiver receiver = new FlakyReceiver(Vertx.vertx(), failureRate, seed);
        receiver.server.requestHandler(request -> request.body().onSuccess(body -> {
            receiver.requests.incrementAndGet();
            if (receiver.fails()) {
                receiver.failed.incrementAndGet();
                request.response().setStatusCode(503).end();
                return;
            }
            String key = request.getHeader("Idempotency-Key");
            String alert = request.path().equals(POLICE_PATH) ? request.getHeader("X-Shouhu-Alert-Id") : null;
            request.response().setStatusCode(204).end().onSuccess(v -> receiver.accept(key, alert));
        })).listen().await();
        return receiver;
    }

    private boolean fails() {
        synchronized (random) {
            return random.nextDouble() < failureRate;
        }
    }

    private void accept(String key, String policeAlert) {
        if (key == null) {
            return;
        }
        long now = System.nanoTime();
        if (policeAlert != null) {
            policeAccepted.putIfAbsent(policeAlert, now);
        }
        if (firstAccepted.putIfAbsent(key, now) != null) {
            repeats.incrementAndGet();
            return;
        }
        lock.lock();
        try {
            accepted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    /** Waits until {@code count} distinct keys were accepted; false on timeout. */
    boolean awaitAccepted(int count, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (firstAccepted.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                accepted.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the police endpoint has answered 2xx for the alert, without spinning (a spinning waiter would take
     * a core from the path being measured), and returns when that was (System.nanoTime); null on timeout.
     */
    Long awaitPoliceAccepted(String alertId, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            Long at;
            while ((at = policeAccepted.get(alertId)) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                accepted.awaitNanos(left);
            }
            return at;
        } finally {
            lock.unlock();
        }
    }

    /** When each distinct key was first accepted (System.nanoTime), sorted. */
    long[] acceptedTimes() {
        return firstAccepted.values().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    int distinctAccepted() {
        return firstAccepted.size();
    }

    long requests() {
        return requests.get();
    }

    long failed() {
        return failed.get();
    }

    long repeats() {
        return repeats.get();
    }

    void reset() {
        firstAccepted.clear();
        policeAccepted.clear();
        requests.set(0);
        failed.set(0);
        repeats.set(0);
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
