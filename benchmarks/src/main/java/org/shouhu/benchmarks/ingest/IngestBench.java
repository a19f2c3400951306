package org.shouhu.benchmarks.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * The ingest load harness. Publishes position frames at QoS 1 from several connections, first to a plain
 * subscriber (the broker's raw rate), then to the ingest service writing into a scratch database (fixes committed
 * per second), and prints both and their ratio, for each round and for the best of each.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.shouhu.benchmarks.ingest.IngestBench --messages=200000
 * </pre>
 */
public final class IngestBench {

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
        System.exit(0);
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
