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
import java.util.concurrent.atomic.AtomicInteger;
import org.shouhu.sim.BrokerException;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.internal.PublishStats;

/**
 * The load harness: a large fleet (up to 100,000 bands on one 2-core machine) with the same behaviour model as
 * {@link org.shouhu.sim.SimulatedFleet} but Vert.x MQTT connections multiplexed on a few event loops instead of
 * Paho's threads per connection. Bands connect at a bounded rate, each with client id = IMEI, persistent session and
 * QoS 1, optionally spread over several source addresses; each band starts living when its connection is up.
 * Downlinks are counted, not answered (use {@code SimulatedFleet} where one band's behaviour matters). Scenarios are
 * not applied. Thread-safe.
 */
public final class LoadFleet implements AutoCloseable {

    private final Vertx vertx;
    private final int devices;
    private final PublishStats stats = new PublishStats();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger connectFailures = new AtomicInteger();

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
        LoadFleet fleet = new LoadFleet(settings);
        List<Future<String>> deployments = new ArrayList<>();
        List<SimulatedDevice> all = settings.devices();
        int shards = settings.eventLoops();
        for (int shard = 0; shard < shards; shard++) {
            int from = all.size() * shard / shards;
            int to = all.size() * (shard + 1) / shards;
            deployments.add(fleet.vertx.deployVerticle(new LoadShard(all.subList(from, to), from, settings,
                    fleet.stats, fleet.connected, fleet.connectFailures)));
        }
        try {
            Future.all(deployments).toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            fleet.stop();
            throw new BrokerException("load fleet did not finish connecting within " + timeout + ": " + e, e, true);
        }
        return fleet;
    }

    public PublishSummary summary() {
        return stats.summary(connected.get(), devices);
    }

    /** Bands whose connection failed (refused, timed out, out of source ports). */
    public int connectFailures() {
        return connectFailures.get();
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
