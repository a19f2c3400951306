package org.shouhu.sim.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
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
 * The harness's publishers: one Vert.x MQTT connection per band, spread over a few event loops, driven at a
 * {@link Load} that can be changed while running, plus SOS presses on chosen bands. Thread-safe.
 */
public final class BenchFleet implements AutoCloseable {

    private final Vertx vertx;
    private final List<BenchShard> shards = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final int devices;
    private final PublishStats stats = new PublishStats();

    private BenchFleet(BenchSettings settings) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(settings.eventLoops()));
        this.devices = settings.devices().size();
    }

    /**
     * Connects every band; returns when all are up.
     *
     * @throws BrokerException when a band cannot connect or the ramp takes longer than {@code timeout}
     */
    public static BenchFleet connect(BenchSettings settings, Clock clock, Duration timeout) throws InterruptedException {
        BenchFleet fleet = new BenchFleet(settings);
        List<SimulatedDevice> all = settings.devices();
        int count = Math.min(settings.eventLoops(), all.size());
        List<Future<String>> deployments = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int from = all.size() * s / count;
            int to = all.size() * (s + 1) / count;
            BenchShard shard = new BenchShard(all.subList(from, to), from, settings, clock, fleet.stats,
                    fleet.connected, count);
            fleet.shards.add(shard);
            deployments.add(fleet.vertx.deployVerticle(shard));
        }
        try {
            Future.all(deployments).toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            fleet.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BrokerException("bench bands did not all connect within " + timeout + " ("
                    + fleet.connected.get() + " of " + all.size() + " up): " + cause.getMessage(), cause, true);
        }
        return fleet;
    }

    /** Changes the load of every connection. */
    public void drive(Load load) {
        shards.forEach(shard -> shard.drive(load));
    }

    /**
     * Presses SOS on band {@code index} now.
     *
     * @throws IllegalArgumentException when there is no such band
     */
    public SosPressed pressSos(int index) throws InterruptedException {
        for (BenchShard shard : shards) {
            if (shard.holds(index)) {
                try {
                    return shard.pressSos(index).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("SOS press on band " + index + " failed: " + e, e);
                }
            }
        }
        throw new IllegalArgumentException("no band " + index + " among " + devices);
    }

    public PublishSummary summary() {
        return stats.summary(connected.get(), devices);
    }

    public int devices() {
        return devices;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Best effort: the broker drops the connections when the process ends anyway.
        }
    }
}
