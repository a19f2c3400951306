package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.SimulatorMain;
import org.shouhu.sim.bench.BenchFleet;
import org.shouhu.sim.bench.BenchPlan;
import org.shouhu.sim.bench.BenchReport;
import org.shouhu.sim.bench.BenchRun;
import org.shouhu.sim.bench.BenchSettings;
import org.shouhu.sim.bench.PoliceReceiver;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.region.RegionPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shouhu-sim bench}: the load harness against a running platform. */
@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Measure a running platform with N bands (one MQTT connection each, QoS 1) and, in the same run, the raw "
                    + "limits of this machine, then print every platform figure as a ratio to its limit:",
            "  1. broker alone: the same bands publish flat out under another topic root to a plain shared "
                    + "subscriber;",
            "  2. database alone: binary COPY of position-shaped rows into a scratch table of the platform's "
                    + "database;",
            "  3. platform: the bands publish position reports flat out (or at --rate) to the platform; fixes "
                    + "committed per second are read from PostgreSQL's statistics of the positions partitions;",
            "  4. SOS: at half the platform's rate, SOS is pressed on distinct bands; the latency runs from the "
                    + "press to the CAP Alert arriving at this command's receiver, which stands in for the police.",
            "",
            "The platform must know the bands and send CAP to the receiver: write its directory seed with "
                    + "'shouhu-sim directory-seed' (same --devices, --seed, --first-imei) and set "
                    + "alerts.police.fallback-endpoint to the receiver as well. Step by step in docs/benchmarking.md.",
            "",
            "Exit status: 0 when every target was met (ingest >= 80 % of broker raw, SOS p99 < 20 ms, no SOS "
                    + "missing), 1 when a target was missed or the broker or database failed, 2 for a usage error."})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--devices"}, paramLabel = "N", defaultValue = "1000",
            description = "Publishing bands, one connection each (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--database-url", paramLabel = "JDBC-URL", required = true,
            description = "The platform's database, jdbc:postgresql://host:port/db.")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "postgres",
            description = "Database role (default: ${DEFAULT-VALUE}); the password, if any, comes from the "
                    + "environment variable SHOUHU_SIM_DATABASE_PASSWORD.")
    String databaseUser;

    @Option(names = "--receiver", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:18480",
            description = "Where the police receiver listens (default: ${DEFAULT-VALUE}); must match the seed.")
    String receiverAddress;

    @Option(names = "--rate", paramLabel = "MSG/S",
            description = "Publish to the platform at this fixed rate instead of as fast as the broker acknowledges.")
    Double rate;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "20s",
            description = "Length of each measurement (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s",
            description = "Load before each measurement starts (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--inflight", paramLabel = "N", defaultValue = "10",
            description = "Unacknowledged messages per connection when publishing flat out (default: "
                    + "${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--raw-subscribers", paramLabel = "N", defaultValue = "2",
            description = "Connections of the broker-only subscriber (default: ${DEFAULT-VALUE}).")
    int rawSubscribers;

    @Option(names = "--copy-batch", paramLabel = "ROWS", defaultValue = "5000",
            description = "Rows per COPY transaction in the database-only measurement (default: ${DEFAULT-VALUE}; "
                    + "the platform commits at most ingest.batch.max-messages, 500 by default, per transaction).")
    int copyBatch;

    @Option(names = "--sos", paramLabel = "N", defaultValue = "100",
            description = "SOS presses in phase 4, each on another band (default: ${DEFAULT-VALUE}).")
    int sosPresses;

    @Option(names = "--sos-rate", paramLabel = "PER-S", defaultValue = "5",
            description = "SOS presses per second in phase 4 (default: ${DEFAULT-VALUE}); the latency under the "
                    + "position load is the figure, not how many alerts per second dispatch can send.")
    double sosRate;

    @Option(names = "--source-addresses", paramLabel = "ADDR", split = ",",
            description = "Local addresses to spread connections over, e.g. 127.0.0.2,127.0.0.3 (each gives about "
                    + "28,000 ports towards one broker port).")
    List<String> sourceAddresses = List.of();

    @Option(names = "--event-loops", paramLabel = "N", defaultValue = "2",
            description = "Event-loop threads of the bands (default: ${DEFAULT-VALUE}).")
    int eventLoops;

    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(Clock clock, PrintStream out, PrintStream err) {
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        BenchPlan plan = new BenchPlan(warmup, window, rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate),
                inflight, rawSubscribers, copyBatch, sosPresses, sosRate, Duration.ofSeconds(10));
        RegionPlan region = common.region(common.seedOr(1)).generate(devices);
        List<SimulatedDevice> bands = region.devices().stream()
                .map(child -> SimulatedDevice.of(child, SimulatedDevice.DEFAULT_INTERVAL, common.form)).toList();
        String[] hostPort = ReceiverAddress.split(receiverAddress);
        String password = System.getenv().getOrDefault("SHOUHU_SIM_DATABASE_PASSWORD", "");
        try (PoliceReceiver receiver = PoliceReceiver.start(hostPort[0], Integer.parseInt(hostPort[1]));
             Connection database = DriverManager.getConnection(databaseUrl, databaseUser, password)) {
            err.printf("connecting %d bands to %s ...%n", devices, common.broker);
            long started = System.nanoTime();
            BenchSettings settings = new BenchSettings(common.broker, bands, sourceAddresses, eventLoops);
            try (BenchFleet fleet = BenchFleet.connect(settings, clock, Duration.ofSeconds(30 + devices / 500))) {
                err.printf("%d bands up in %s%n", fleet.summary().connected(),
                        DurationText.format(Duration.ofNanos(System.nanoTime() - started)));
                BenchReport report = new BenchRun(fleet, settings, database, receiver, plan, err).run();
                out.println(report.format());
                out.println(MemoryUse.now().format("shouhu-sim"));
                return report.targetsMet() ? SimulatorMain.OK : SimulatorMain.FAILURES;
            }
        }
    }
}
