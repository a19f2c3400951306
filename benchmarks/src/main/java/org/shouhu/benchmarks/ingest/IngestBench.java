package org.shouhu.benchmarks.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The ingest load harness. Publishes position frames at QoS 1 from several connections, first to a plain
 * subscriber (the broker's raw rate), then to the ingest service writing into a scratch database (fixes committed
 * per second), and prints both and their ratio, for each round and for the best of each. Then it measures SOS press
 * to police latency while positions arrive at half the best ingest rate. Exits 0 when the platform's ingest targets
 * (below) are met, 1 when one is missed, 2 for a usage error.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.shouhu.benchmarks.ingest.IngestBench --messages=200000
 * </pre>
 */
public final class IngestBench {

    /** Target: fixes committed per second at least this share of the broker's raw QoS 1 rate of the same run. */
    private static final double TARGET_RATIO = 0.8;
    /** Target: SOS press to police, 99th percentile, at half of the maximum load. */
    private static final double SOS_P99_TARGET_MILLIS = 20;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        System.out.printf("ingest harness: %d frames, %d publishers, %d devices, broker %s, database %s, "
                        + "batch %d, linger %d ms, %d ingest connections, %d writers, window %d, %d cores%n",
                options.messages(),
                options.publishers(), options.devices(), options.mqttUrl(), options.scratchJdbcUrl(),
                options.batch(), options.lingerMillis(), options.connections(), options.writers(), options.window(),
                Runtime.getRuntime().availableProcessors());
        PositionFrames frames = new PositionFrames(options.messages(), options.devices(), 42);
        // A short warm-up of both paths so that the JIT has compiled them before anything is measured.
        PositionFrames warmUp = new PositionFrames(Math.min(20_000, options.messages()), options.devices(), 7);
        BrokerOnlyRun.run(options, warmUp);
        IngestRun.run(options, warmUp);
        List<RunResult> broker = new ArrayList<>();
        List<RunResult> ingest = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            RunResult b = BrokerOnlyRun.run(options, frames);
            RunResult i = IngestRun.run(options, frames);
            broker.add(b);
            ingest.add(i);
            System.out.printf("round %d%n  %s%n  %s%n  ratio ingest/broker = %.2f%n", round, b, i,
                    i.perSecond() / b.perSecond());
        }
        RunResult bestBroker = best(broker);
        RunResult bestIngest = best(ingest);
        System.out.printf("best of %d rounds: broker %,.0f msg/s, ingest %,.0f fixes/s, ratio %.2f%n",
                options.rounds(), bestBroker.perSecond(), bestIngest.perSecond(),
                bestIngest.perSecond() / bestBroker.perSecond());
        boolean met = true;
        for (int round = 0; round < options.rounds(); round++) {
            met &= ingest.get(round).perSecond() >= TARGET_RATIO * broker.get(round).perSecond();
        }
        if (options.sosPresses() > 0) {
            SosLatencyRun.Result sos = SosLatencyRun.run(options, bestIngest.perSecond() / 2);
            System.out.println(sos);
            met &= sos.missing() == 0 && sos.percentileMillis(0.99) < SOS_P99_TARGET_MILLIS;
        }
        System.out.println(met ? "targets met" : "targets MISSED (ingest >= " + TARGET_RATIO
                + " of broker alone in every round; SOS p99 < " + SOS_P99_TARGET_MILLIS + " ms, none missing)");
        System.exit(met ? 0 : 1);
    }

    private static RunResult best(List<RunResult> results) {
        RunResult best = results.get(0);
        for (RunResult r : results) {
            if (r.perSecond() > best.perSecond()) {
                best = r;
            }
        }
        return best;
    }
}
