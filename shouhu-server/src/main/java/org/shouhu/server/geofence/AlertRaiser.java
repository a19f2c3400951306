package org.shouhu.server.geofence;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import io.vertx.core.Future;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.ZoneAlertRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises zone alerts through alert dispatch and waits until each is committed. A request alert dispatch refuses as
 * bad ({@link IllegalArgumentException}: the device is not registered, no guardian of the rule is the child's) is
 * logged and counted and not retried; any other failure (the database is down, a timeout) is retried with capped
 * exponential backoff until it succeeds or the evaluator stops. Called on one evaluation worker at a time per shard;
 * thread-safe.
 */
final class AlertRaiser {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRaiser.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RETRY_BASE = Duration.ofMillis(100);
    static final Duration RETRY_CAP = Duration.ofSeconds(5);

    /** The evaluator stopped while an alert was still being retried; its device's state is not written. */
    static final class StoppedException extends Exception {
        StoppedException() {
            super("geofence evaluation stopped before the alert was committed", null, false, false);
        }
    }

    private final Function<ZoneAlertRequest, Future<AlertId>> raise;
    private final BooleanSupplier running;
    private final Counter rejected;
    private final Counter retried;

    AlertRaiser(Function<ZoneAlertRequest, Future<AlertId>> raise, BooleanSupplier running, MeterRegistry registry) {
        this.raise = raise;
        this.running = running;
        this.rejected = Counter.builder("shouhu.geofence.alerts.rejected")
                .description("Zone alerts alert dispatch refused as bad (unregistered device, unknown guardians)")
                .register(registry);
        this.retried = Counter.builder("shouhu.geofence.alerts.retried")
                .description("Zone alert raise attempts that failed and were retried").register(registry);
    }

    /** Raises every request; returns once each is committed or refused as bad. */
    void raiseAll(List<ZoneAlertRequest> requests) throws StoppedException, InterruptedException {
        List<ZoneAlertRequest> pending = requests;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<CompletableFuture<AlertId>> futures = new ArrayList<>(pending.size());
            for (ZoneAlertRequest request : pending) {
                futures.add(start(request));
            }
            List<ZoneAlertRequest> retry = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                ZoneAlertRequest request = pending.get(i);
                Throwable failure = outcome(futures.get(i));
                if (failure == null) {
                    continue;
                }
                if (failure instanceof IllegalArgumentException) {
                    rejected.increment();
                    LOG.warn("zone alert {} of {} (rule {}, zone {}) refused: {}", request.kind().token(),
                            request.device(), request.ruleId(), request.zoneId(), failure.getMessage());
                } else {
                    retried.increment();
                    LOG.warn("zone alert {} of {} not committed (attempt {}), retrying: {}", request.kind().token(),
                            request.device(), attempt + 1, failure.toString());
                    retry.add(request);
                }
            }
            pending = retry;
            if (!pending.isEmpty()) {
                if (!running.getAsBoolean()) {
                    throw new StoppedException();
                }
                Thread.sleep(backoff(attempt).toMillis());
            }
        }
    }

    private CompletableFuture<AlertId> start(ZoneAlertRequest request) {
        try {
            return raise.apply(request).toCompletionStage().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable outcome(CompletableFuture<AlertId> future) throws InterruptedException {
        try {
            future.get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        }
    }

    /** Exponential from {@link #RETRY_BASE}, capped at {@link #RETRY_CAP}, with up to 20 % jitter. */
    static Duration backoff(int attempt) {
        long millis = Math.min(RETRY_CAP.toMillis(), RETRY_BASE.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }
}
