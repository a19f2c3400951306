package org.shouhu.sim.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.shouhu.sim.BrokerException;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.SimulatedDevice;

/**
 * The load harness: a large fleet (up to 100,000 bands on one 2-core machine) with the same behaviour model as
 * {@link org.shouhu.sim.SimulatedFleet} but Vert.x MQTT connections multiplexed on a few event loops instead of
 * Paho's threads per connection. Bands connect at a bounded rate, each with client id = IMEI, persistent session and
 * QoS 1, optionally spread over several brokers and several source addresses (see {@link LoadSettings}); each band
 * starts living when its connection is up. A band whose connection drops keeps taking fixes as in a coverage gap and
 * reconnects after a jittered exponential backoff (one second, doubling up to two minutes), paced with the ramp's
 * rate; its persistent session resumes and what it held goes out late. A band whose first attempt fails is counted
 * in {@link #connectFailures()} and not retried.
 * Downlinks are counted, not answered (use {@code SimulatedFleet} where one band's behaviour matters). Scenarios are
 * not applied. Thread-safe.
 */
public final class LoadFleet implements AutoCloseable {

    private final Vertx vertx;
    private final int devices;
    private final FleetCounters counters = new FleetCounters();
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private volatile Future<?> ramp;

    private LoadFleet(LoadSettings settings) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.eventLoops()));
        this.devices = settings.devices().size();
    }

    /**
     * Connects every band (at the configured rate) and starts publishing; returns once every band has tried to
     * connect. Bands that could not connect are counted in {@link #connectFailures()}.
     *
     * @param timeout how long to wait for the connection ramp
     * @throws BrokerException when the ramp did not finish in time
     */
    public static LoadFleet start(LoadSettings settings, Duration timeout) throws InterruptedException {
        LoadFleet fleet = connect(settings);
        fleet.awaitConnected(timeout);
        return fleet;
    }

    /**
     * Starts connecting every band (at the configured rate) and returns at once; each band starts publishing when
     * its connection is up. {@link #awaitConnected(Duration)} waits for the ramp.
     */
    public static LoadFleet connect(LoadSettings settings) {
        LoadFleet fleet = new LoadFleet(settings);
        List<Future<String>> deployments = new ArrayList<>();
        List<SimulatedDevice> all = settings.devices();
        int shards = settings.eventLoops();
        for (int shard = 0; shard < shards; shard++) {
            int from = all.size() * shard / shards;
            int to = all.size() * (shard + 1) / shards;
            deployments.add(fleet.vertx.deployVerticle(new LoadShard(all.subList(from, to),
                    settings.firstIndex() + from, settings, fleet.counters, fleet.publishing,
                    ReconnectBackoff.DEFAULT)));
        }
        fleet.ramp = Future.all(deployments);
        return fleet;
    }

    /**
     * Returns once every band has tried to connect; bands that could not connect are counted in
     * {@link #connectFailures()}.
     *
     * @throws BrokerException when the ramp did not finish in time (the fleet is then stopped)
     */
    public void awaitConnected(Duration timeout) throws InterruptedException {
        try {
            ramp.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new BrokerException("load fleet did not finish connecting within " + timeout + ": " + e, e, true);
        }
    }

    public PublishSummary summary() {
        return counters.stats.summary(counters.connected.get(), devices);
    }

    /** The acknowledgement latencies so far, as {@link org.shouhu.sim.internal.LatencyHistogram#snapshot()}. */
    public long[] latencySnapshot() {
        return counters.stats.latencySnapshot();
    }

    /** Bands whose connection failed (refused, timed out, out of source ports). */
    public int connectFailures() {
        return counters.connectFailures.get();
    }

    /** Connections dropped and reopened after the ramp, and bands without one now. */
    public LinkCounts links() {
        return counters.links();
    }

    /**
     * Stops publishing (the bands stay connected) and waits at most {@code timeout} for the broker to acknowledge
     * what is in flight, so that a run's end does not count messages as unacknowledged only because it disconnected
     * before their PUBACK came.
     */
    public void drain(Duration timeout) throws InterruptedException {
        publishing.set(false);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (summary().pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Disconnects every band and stops the event loops. Idempotent. */
    public void stop() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort: the broker drops the connections when the process ends anyway.
        }
    }

    @Override
    public void close() {
        stop();
    }
}
