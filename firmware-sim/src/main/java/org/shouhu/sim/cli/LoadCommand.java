package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.shouhu.sim.AcceleratedClock;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.SimulatorMain;
import org.shouhu.sim.load.LoadFleet;
import org.shouhu.sim.load.LoadSettings;
import org.shouhu.sim.region.RegionGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shouhu-sim load}: a very large fleet on multiplexed connections, in one process or split over several. */
@Command(name = "load", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Run a very large fleet (100,000 bands and more) with the same behaviour as 'fleet', each band its own "
                    + "MQTT connection (client id = IMEI, persistent session, QoS 1), multiplexed on a few Vert.x "
                    + "event loops instead of Paho's threads per connection. Bands connect at --connect-rate; each "
                    + "starts living once connected. A band whose connection drops holds its fixes as in a coverage "
                    + "gap and reconnects after a jittered exponential backoff, at the same rate; the status line "
                    + "counts drops, reconnections and bands down. Scenarios and downlink answers are not applied "
                    + "(use 'fleet').",
            "",
            "Each connection is an open file, here and in the broker: where one process may not open as many files "
                    + "as there are bands (ulimit -n), split the fleet with --processes and the brokers with a list "
                    + "of --broker URLs. One source address gives about 14,000 connections cheaply (beyond that every "
                    + "new connection costs the kernel milliseconds): beyond about 12,000 bands per broker give "
                    + "several --source-addresses, at most about 12,000 bands each.",
            "",
            "Exit status: 0 when every band connected and every message was acknowledged, 1 otherwise, 2 for a "
                    + "usage error."})
final class LoadCommand implements Callable<Integer> {

    private static final int MAX_PROCESSES = 64;

    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--devices"}, paramLabel = "N", defaultValue = "1000",
            description = "Number of bands (default: ${DEFAULT-VALUE}). With --broker URL1,URL2,... band i connects "
                    + "to broker i mod (number of URLs).")
    int devices;

    @Option(names = "--first-index", paramLabel = "I", defaultValue = "0",
            description = "Run bands I .. I+N-1 of the region instead of 0 .. N-1, so that processes started by hand "
                    + "can each run a slice of one fleet (default: ${DEFAULT-VALUE}).")
    int firstIndex;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "60s",
            description = "Reporting interval while moving (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION",
            description = "Simulated time to run after every band has tried to connect (default: until Ctrl-C).")
    Duration duration;

    @Option(names = {"-s", "--speed"}, paramLabel = "FACTOR", defaultValue = "1",
            description = "Acceleration of simulated time (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--connect-rate", paramLabel = "PER-S", defaultValue = "2000",
            description = "New connections per second, all processes together (default: ${DEFAULT-VALUE}).")
    int connectRate;

    @Option(names = "--source-addresses", paramLabel = "ADDR", split = ",",
            description = "Local addresses to spread connections over, e.g. 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5.")
    List<String> sourceAddresses = List.of();

    @Option(names = "--event-loops", paramLabel = "N", defaultValue = "2",
            description = "Event-loop threads per process (default: ${DEFAULT-VALUE}).")
    int eventLoops;

    @Option(names = "--processes", paramLabel = "N", defaultValue = "1",
            description = "Run the bands in N simulator processes (child JVMs of this one), each a contiguous slice "
                    + "of the bands with its own open-file limit, and report them together (default: "
                    + "${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--process-java-options", paramLabel = "OPTIONS",
            description = "JVM options of each child process, space-separated (default: a small heap sized for its "
                    + "slice, serial GC, 256 KiB thread stacks, the client compiler only).")
    String processJavaOptions;

    /** Set on the children of a split run: report to the parent in {@link SliceReport} lines. */
    @Option(names = "--report-to-parent", hidden = true)
    boolean reportToParent;

    private final Clock realClock;
    private final PrintStream out;
    private final PrintStream err;

    LoadCommand(Clock realClock, PrintStream out, PrintStream err) {
        this.realClock = realClock;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        validate();
        if (processes > 1) {
            return new SplitLoad(this::sliceArguments, javaOptions(), processes, devices, realClock, speed, out,
                    err).run();
        }
        return runHere(reportToParent ? new SliceLoadOutput(out) : new ConsoleLoadOutput(out, err));
    }

    private void validate() {
        if (devices < 1 || devices > 1_000_000) {
            throw new IllegalArgumentException("--devices must be 1..1000000: " + devices);
        }
        if (firstIndex < 0 || (long) firstIndex + devices > 10_000_000) {
            throw new IllegalArgumentException("--first-index must be 0..(10000000 - devices): " + firstIndex);
        }
        if (processes < 1 || processes > Math.min(MAX_PROCESSES, devices)) {
            throw new IllegalArgumentException("--processes must be 1.." + Math.min(MAX_PROCESSES, devices) + ": "
                    + processes);
        }
        if (connectRate < processes) {
            throw new IllegalArgumentException("--connect-rate must be at least one per process: " + connectRate);
        }
        OptionalLong limit = OpenFileLimit.current();
        long perProcess = (devices + processes - 1) / processes;
        if (limit.isPresent() && perProcess > OpenFileLimit.bandsPerProcess(limit.getAsLong())) {
            long fit = OpenFileLimit.bandsPerProcess(limit.getAsLong());
            throw new IllegalArgumentException(String.format(
                    "%d bands per process need about %d open files, but a process may open %d (ulimit -n): raise "
                            + "the limit or use --processes %d or more", perProcess,
                    perProcess + OpenFileLimit.OTHER_FILES, limit.getAsLong(), (devices + fit - 1) / fit));
        }
    }

    private int runHere(LoadOutput output) throws InterruptedException {
        long seed = common.seedOr(1);
        Instant simulatedStart = realClock.instant();
        Clock clock = new AcceleratedClock(realClock, simulatedStart, speed);
        RegionGenerator region = common.region(seed);
        List<SimulatedDevice> bands = IntStream.range(firstIndex, firstIndex + devices)
                .mapToObj(i -> SimulatedDevice.of(region.assign(i), interval, common.form)).toList();
        List<String> brokers = brokers();
        LoadSettings settings = new LoadSettings(brokers, bands, firstIndex, seed, clock, sourceAddresses,
                connectRate, eventLoops, Duration.ofMillis(100));
        err.printf("%d bands (%d..%d), seed %d, connecting at %d/s over %s to %s%n", devices, firstIndex,
                firstIndex + devices - 1, seed, connectRate,
                sourceAddresses.isEmpty() ? "the default source address" : sourceAddresses, brokers);
        Instant realStart = realClock.instant();
        Interruption interruption = Interruption.onShutdown();
        // A busy machine connects far slower than the nominal rate; give the ramp five times its nominal length.
        Duration rampLimit = Duration.ofSeconds(120 + 5L * devices / connectRate);
        try (output; LoadFleet fleet = LoadFleet.connect(settings)) {
            output.started(fleet, clock);
            fleet.awaitConnected(rampLimit);
            int failures = fleet.connectFailures();
            output.connected(fleet, Duration.between(realStart, realClock.instant()));
            Instant end = duration == null ? null : clock.instant().plus(duration);
            try {
                while (end == null || clock.instant().isBefore(end)) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException stopRequested) {
                // Ctrl-C, or the parent of a split run stopping its slices: stop and summarise.
            }
            int connected = fleet.summary().connected();
            output.stopping(connected);
            drain(fleet);
            fleet.stop();
            PublishSummary summary = fleet.summary().withConnected(connected);
            output.finished(summary, fleet.latencySnapshot(), failures, fleet.links(),
                    Duration.between(realStart, realClock.instant()),
                    Duration.between(simulatedStart, clock.instant()));
            return failures == 0 && summary.failed() == 0 && summary.pending() == 0 ? SimulatorMain.OK
                    : SimulatorMain.FAILURES;
        } finally {
            interruption.finished();
        }
    }

    /** Lets what is in flight be acknowledged before disconnecting. */
    private static void drain(LoadFleet fleet) {
        try {
            fleet.drain(Duration.ofSeconds(10));
        } catch (InterruptedException cutShort) {
            // Stopping anyway; what is still in flight is counted as unacknowledged.
        }
    }

    private List<String> brokers() {
        List<String> urls = Arrays.stream(common.broker.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("--broker needs at least one URL");
        }
        return urls;
    }

    /** The arguments of the child process that runs {@code count} bands from {@code from} (0-based in this run). */
    private List<String> sliceArguments(int from, int count) {
        List<String> args = new ArrayList<>(List.of("load",
                "--devices", "" + count,
                "--first-index", "" + (firstIndex + from),
                "--broker", common.broker,
                "--seed", "" + common.seedOr(1),
                "--first-imei", "" + common.firstImei,
                "--form", common.form.name(),
                "--interval", interval.toString(),
                "--speed", "" + speed,
                "--connect-rate", "" + connectRate / processes,
                "--event-loops", "" + eventLoops,
                "--report-to-parent"));
        if (!sourceAddresses.isEmpty()) {
            args.add("--source-addresses");
            args.add(String.join(",", sourceAddresses));
        }
        if (duration != null) {
            args.add("--duration");
            args.add(duration.toString());
        }
        return args;
    }

    private List<String> javaOptions() {
        if (processJavaOptions != null) {
            return Arrays.stream(processJavaOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        // About 8 KiB of live heap per connected band (docs/benchmarking.md); twice that leaves the collector room.
        long heapMiB = 64 + (devices / processes + 1) * 16L / 1024;
        return List.of("-Xmx" + heapMiB + "m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError");
    }
}
