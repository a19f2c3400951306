package org.shouhu.benchmarks.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.alert.AlertDispatcher;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertService;
import org.shouhu.alert.ChannelAddress;
import org.shouhu.alert.Child;
import org.shouhu.alert.DeviceRecipients;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.InMemoryJurisdictionLocator;
import org.shouhu.alert.InMemoryRecipientDirectory;
import org.shouhu.alert.Language;
import org.shouhu.alert.PoliceJurisdiction;
import org.shouhu.alert.ReportedPosition;
import org.shouhu.alert.SosAlertRequest;
import org.shouhu.protocol.DeviceId;

/**
 * Load harness of alert dispatch against this machine's PostgreSQL and real HTTP receivers on loopback. Prints:
 *
 * <ol>
 *   <li><b>fan-out, backlog</b>: N SOS alerts committed while no dispatcher runs, each to its guardians and the
 *   police; a dispatcher starts and the time until the receiver (failing a share of requests with 503) has accepted
 *   every message once is measured;</li>
 *   <li><b>fan-out, live</b>: the same alerts raised as fast as the alert service takes them while the dispatcher
 *   runs, timed from the first raise to the last first acceptance;</li>
 *   <li><b>SOS latency</b>: SOS raised one after another; time from the commit (the service's commit callback) and
 *   from the raise call to the police receiver's 2xx, p50/p99/max.</li>
 * </ol>
 *
 * Run: {@code java -cp benchmarks/target/benchmarks.jar org.shouhu.benchmarks.dispatch.DispatchBench --help}.
 */
public final class DispatchBench {

    private static final String SECRET = "dispatch-bench-secret-0123456789";
    private static final long DRAIN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final DispatchBenchOptions options;
    private final ScratchDatabase database;
    private final Vertx vertx = Vertx.vertx();
    private IngestLoad ingest;

    private DispatchBench(DispatchBenchOptions options, ScratchDatabase database) {
        this.options = options;
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        DispatchBenchOptions options;
        try {
            options = DispatchBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage().isEmpty() ? DispatchBenchOptions.USAGE
                    : e.getMessage() + "\n" + DispatchBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.printf("dispatch bench: %d cores, %s, database %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), options.scratchJdbcUrl());
        try (ScratchDatabase database = ScratchDatabase.create(options)) {
            DispatchBench bench = new DispatchBench(options, database);
            try {
                bench.run();
            } finally {
                bench.vertx.close().toCompletionStage().toCompletableFuture().get();
            }
        }
        System.exit(0);
    }

    private void run() throws Exception {
        if (options.ingestRate() > 0) {
            ingest = IngestLoad.start(options, options.ingestRate());
            System.out.printf("ingest load: the telemetry ingest verticle stores %d fixes/s published to a private "
                    + "broker, in the same database, during every part%n", options.ingestRate());
        }
        try (FlakyReceiver flaky = FlakyReceiver.start(options.failureRate(), options.seed());
             FlakyReceiver healthy = FlakyReceiver.start(0, options.seed())) {
            // Warm-up runs of each kind, as large as the measured one, so that class loading and the JIT
            // compilation (which a server has long finished) do not count against the figures.
            for (int i = 0; i < options.warmUps(); i++) {
                if (options.parts().contains(DispatchBenchOptions.Part.BACKLOG)) {
                    fanOut(flaky, options.alerts(), true, false);
                }
                if (options.parts().contains(DispatchBenchOptions.Part.LIVE)) {
                    fanOut(flaky, options.alerts(), false, false);
                }
            }
            if (options.parts().contains(DispatchBenchOptions.Part.BACKLOG)) {
                fanOut(flaky, options.alerts(), true, true);
            }
            if (options.parts().contains(DispatchBenchOptions.Part.LIVE)) {
                fanOut(flaky, options.alerts(), false, true);
            }
            if (options.parts().contains(DispatchBenchOptions.Part.LATENCY)) {
                latency(healthy);
            }
            if (options.parts().contains(DispatchBenchOptions.Part.RAW)) {
                healthy.reset();
                RawLimits.print(database.dataSource(), vertx, healthy,
                        options.alerts() * (options.guardians() + 1));
            }
        } finally {
            if (ingest != null) {
                ingest.close();
            }
        }
    }

    /** Raises {@code alerts} SOS to as many children and waits until every message was accepted once. */
    private void fanOut(FlakyReceiver receiver, int alerts, boolean backlog, boolean print) throws Exception {
        database.truncate();
        receiver.reset();
        AlertDispatchConfig config = config(receiver);
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory();
        List<DeviceId> devices = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            DeviceId device = new DeviceId(861_000_000_000_000L + i);
            devices.add(device);
            directory.register(device, recipients(receiver, i));
        }
        int expected = alerts * (options.guardians() + 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AlertDispatcher dispatcher = new AlertDispatcher(database.dataSource(), config, Clock.systemUTC(),
                (d, s) -> Future.succeededFuture(), registry);
        String deployment = null;
        if (!backlog) {
            deployment = await(vertx.deployVerticle(dispatcher));
        }
        AlertService service = backlog
                ? new AlertService(vertx, database.dataSource(), directory, locator(receiver), config,
                        Clock.systemUTC(), () -> { })
                : service(directory, receiver, config, dispatcher, () -> { });
        CpuMeter cpu = new CpuMeter(database.dataSource(), options.database());
        CpuMeter.Reading cpuAtRaise = cpu.read();
        long fixesAtStart = ingestCommitted();
        long jitAtStart = jitMillis();
        long raiseStart = System.nanoTime();
        List<Future<AlertId>> raised = new ArrayList<>(alerts);
        for (DeviceId device : devices) {
            raised.add(service.raiseSos(press(device, 1)));
        }
        await(Future.all(raised));
        long raiseEnd = System.nanoTime();
        CpuMeter.Reading cpuAtDrain = cpu.read();
        long start = raiseStart;
        if (backlog) {
            start = System.nanoTime();
            deployment = await(vertx.deployVerticle(dispatcher));
        }
        boolean drained = receiver.awaitAccepted(expected, DRAIN_LIMIT_NANOS);
        long end = System.nanoTime();
        CpuMeter.Reading cpuAtEnd = cpu.read();
        long fixes = ingestCommitted() - fixesAtStart;
        long jit = jitMillis() - jitAtStart;
        await(vertx.undeploy(deployment));
        service.close();
        if (!print) {
            return;
        }
        long pending = database.count("SELECT count(*) FROM alert_outbox WHERE status = 'PENDING'");
        long maxAttempts = database.count("SELECT coalesce(max(attempts), 0) FROM alert_outbox");
        System.out.printf("%nfan-out (%s): %d alerts x %d recipients = %d messages, receiver fails %.0f%% with 503%n",
                backlog ? "backlog committed first, then the dispatcher starts" : "raised while the dispatcher runs",
                alerts, options.guardians() + 1, expected, options.failureRate() * 100);
        System.out.printf("  raise: %d alerts committed in %d ms (%.0f alerts/s)%n", alerts,
                millis(raiseEnd - raiseStart), alerts / seconds(raiseEnd - raiseStart));
        System.out.printf("  %s: %d of %d messages accepted in %d ms (%.0f messages/s)%s%n",
                backlog ? "drain from dispatcher start" : "raise + drain from first raise", receiver.distinctAccepted(),
                expected, millis(end - start), receiver.distinctAccepted() / seconds(end - start),
                drained ? "" : "  NOT DRAINED");
        long[] times = receiver.acceptedTimes();
        System.out.printf("  accepted after: 50%% %d ms, 90%% %d ms, 99%% %d ms, 99.9%% %d ms, all %d ms%n",
                millis(at(times, 0.5) - start), millis(at(times, 0.9) - start), millis(at(times, 0.99) - start),
                millis(at(times, 0.999) - start), millis(times[times.length - 1] - start));
        System.out.printf("  receiver: %d requests, %d answered 503, %d repeats of accepted keys; outbox: %d still "
                + "pending, most attempts on one row %d%n", receiver.requests(), receiver.failed(),
                receiver.repeats(), pending, maxAttempts);
        CpuMeter.Reading raiseCpu = cpuAtDrain.minus(cpuAtRaise);
        CpuMeter.Reading drainCpu = cpuAtEnd.minus(backlog ? cpuAtDrain : cpuAtRaise);
        System.out.printf("  CPU per alert raised: %.2f ms JVM + %.2f ms database%n",
                raiseCpu.jvmNanos() / 1e6 / alerts, raiseCpu.databaseNanos() / 1e6 / alerts);
        double perMessage = (drainCpu.jvmNanos() + drainCpu.databaseNanos()) / 1e6 / expected;
        System.out.printf("  CPU per message %s: %.2f ms JVM (dispatcher and receiver) + %.2f ms database = %.2f ms;"
                        + " on %d free cores: %.0f messages/s, %d messages in %.1f s%n",
                backlog ? "drained" : "raised and drained", drainCpu.jvmNanos() / 1e6 / expected,
                drainCpu.databaseNanos() / 1e6 / expected, perMessage, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors() * 1000 / perMessage, expected,
                expected * perMessage / 1000 / Runtime.getRuntime().availableProcessors());
        System.out.printf("  dispatcher metrics: attempts delivered=%.0f retriable=%.0f permanent=%.0f%n",
                attempts(registry, "delivered"), attempts(registry, "retriable"), attempts(registry, "permanent"));
        System.out.printf("  JIT compilation meanwhile: %d ms (included in the JVM CPU above)%n", jit);
        printIngest(fixes, end - raiseStart);
    }

    private long ingestCommitted() {
        return ingest == null ? 0 : ingest.committed();
    }

    private void printIngest(long fixes, long nanos) {
        if (ingest != null) {
            System.out.printf("  ingest meanwhile: %d fixes committed in %.1f s = %.0f fixes/s%n", fixes,
                    nanos / 1e9, fixes / seconds(nanos));
        }
    }

    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Raises SOS one at a time and times commit and raise call to the police receiver's 2xx. */
    private void latency(FlakyReceiver receiver) throws Exception {
        database.truncate();
        receiver.reset();
        AlertDispatchConfig config = config(receiver);
        int samples = options.latencySamples();
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory();
        for (int i = 0; i < samples * 2; i++) {
            directory.register(new DeviceId(862_000_000_000_000L + i), recipients(receiver, i));
        }
        AlertDispatcher dispatcher = new AlertDispatcher(database.dataSource(), config, Clock.systemUTC(),
                (d, s) -> Future.succeededFuture(), new SimpleMeterRegistry());
        String deployment = await(vertx.deployVerticle(dispatcher));
        AtomicLong committedAt = new AtomicLong();
        AlertService service = service(directory, receiver, config, dispatcher,
                () -> committedAt.set(System.nanoTime()));
        long[] fromCommit = new long[samples];
        long[] fromRaise = new long[samples];
        long fixesAtStart = 0;
        long measuredStart = 0;
        for (int i = 0; i < samples * 2; i++) {
            long raiseStart = System.nanoTime();
            AlertId id = await(service.raiseSos(press(new DeviceId(862_000_000_000_000L + i), 1)));
            Long accepted = receiver.awaitPoliceAccepted(id.toString(), TimeUnit.SECONDS.toNanos(10));
            if (accepted == null) {
                throw new IllegalStateException("police never received alert " + id);
            }
            if (i == samples) {
                fixesAtStart = ingestCommitted();
                measuredStart = raiseStart;
            }
            if (i >= samples) {
                fromCommit[i - samples] = accepted - committedAt.get();
                fromRaise[i - samples] = accepted - raiseStart;
            }
            // Let the guardians' deliveries finish so that each sample starts from a quiet dispatcher.
            receiver.awaitAccepted((i + 1) * (options.guardians() + 1), TimeUnit.SECONDS.toNanos(10));
        }
        long fixes = ingestCommitted() - fixesAtStart;
        long measuredNanos = System.nanoTime() - measuredStart;
        await(vertx.undeploy(deployment));
        service.close();
        System.out.printf("%nSOS latency to the police receiver's 2xx on loopback, %d sequential SOS (after %d "
                + "warm-up), %d guardians each, %s%n", samples, samples, options.guardians(),
                options.handOver() ? "handed straight to the dispatcher" : "claimed by the dispatcher after a wake-up");
        System.out.println("  from commit:     " + percentiles(fromCommit));
        System.out.println("  from raise call: " + percentiles(fromRaise));
        printIngest(fixes, measuredNanos);
    }

    /** A service that hands raised alerts to the dispatcher, or with {@code --hand-over=false} only wakes it. */
    private AlertService service(InMemoryRecipientDirectory directory, FlakyReceiver receiver,
                                 AlertDispatchConfig config, AlertDispatcher dispatcher, Runnable onCommitted) {
        if (options.handOver()) {
            return new AlertService(vertx, database.dataSource(), directory, locator(receiver), config,
                    Clock.systemUTC(), dispatcher, onCommitted);
        }
        return new AlertService(vertx, database.dataSource(), directory, locator(receiver), config,
                Clock.systemUTC(), () -> {
                    onCommitted.run();
                    dispatcher.wake();
                });
    }

    private AlertDispatchConfig config(FlakyReceiver receiver) {
        Map<String, String> properties = new HashMap<>();
        properties.put("alerts.police.fallback-endpoint", receiver.url("/fallback"));
        properties.put("alerts.webhook.hmac-secret", SECRET);
        properties.put("alerts.delivery.instance-id", "dispatch-bench");
        properties.putAll(options.overrides());
        return AlertDispatchConfig.parse(properties);
    }

    private DeviceRecipients recipients(FlakyReceiver receiver, int child) {
        List<Guardian> guardians = new ArrayList<>();
        for (int g = 0; g < options.guardians(); g++) {
            guardians.add(new Guardian("g" + g, "Guardian " + g, g % 2 == 0 ? Language.SIMPLIFIED_CHINESE
                    : Language.ENGLISH, List.of(new ChannelAddress.Webhook(URI.create(receiver.url("/guardian/" + g))))));
        }
        return new DeviceRecipients(new Child("child-" + child, "王小明" + child), guardians);
    }

    private static InMemoryJurisdictionLocator locator(FlakyReceiver receiver) {
        return new InMemoryJurisdictionLocator().add(new PoliceJurisdiction("bench", "榕江县公安局",
                URI.create(receiver.url(FlakyReceiver.POLICE_PATH))), 20, 100, 30, 115);
    }

    private static SosAlertRequest press(DeviceId device, long sequence) {
        Instant now = Instant.now();
        return new SosAlertRequest(device, sequence, now,
                Optional.of(ReportedPosition.fresh(26.0, 108.5, 20, now.minusSeconds(1))), false, 70);
    }

    private static double attempts(SimpleMeterRegistry registry, String outcome) {
        return registry.find("shouhu.alert.delivery.attempts").tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", ms(at(sorted, 0.50)),
                ms(at(sorted, 0.90)), ms(at(sorted, 0.99)), ms(sorted[sorted.length - 1]));
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static double seconds(long nanos) {
        return Math.max(1, nanos) / 1e9;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
}
