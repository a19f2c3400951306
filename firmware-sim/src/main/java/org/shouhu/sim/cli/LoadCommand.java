package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.shouhu.sim.AcceleratedClock;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.SimulatorMain;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.load.LoadFleet;
import org.shouhu.sim.load.LoadSettings;
import org.shouhu.sim.region.RegionPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shouhu-sim load}: a very large fleet on multiplexed connections. */
@Command(name = "load", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Run a very large fleet (100,000 bands and more) with the same behaviour as 'fleet', each band its own "
                    + "MQTT connection (client id = IMEI, persistent session, QoS 1), multiplexed on a few Vert.x "
                    + "event loops instead of Paho's threads per connection. Bands connect at --connect-rate; each "
                    + "starts living once connected. Scenarios and downlink answers are not applied (use 'fleet').",
            "",
            "Needs a file-descriptor limit above the band count (ulimit -n) in this process and in the broker, and "
                    + "more than one source address beyond about 28,000 bands towards one broker port.",
            "",
            "Exit status: 0 when every band connected and every message was acknowledged, 1 otherwise, 2 for a "
                    + "usage error."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--devices"}, paramLabel = "N", defaultValue = "1000",
            description = "Number of bands (default: ${DEFAULT-VALUE}).")
    int devices;

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
            description = "New connections per second (default: ${DEFAULT-VALUE}).")
    int connectRate;

    @Option(names = "--source-addresses", paramLabel = "ADDR", split = ",",
            description = "Local addresses to spread connections over, e.g. 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5.")
    List<String> sourceAddresses = List.of();

    @Option(names = "--event-loops", paramLabel = "N", defaultValue = "2",
            description = "Event-loop threads (default: ${DEFAULT-VALUE}).")
    int eventLoops;

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
        if (devices < 1 || devices > 1_000_000) {
            throw new IllegalArgumentException("--devices must be 1..1000000: " + devices);
        }
        long seed = common.seedOr(1);
        Instant simulatedStart = realClock.instant();
        Clock clock = new AcceleratedClock(realClock, simulatedStart, speed);
        RegionPlan plan = common.region(seed).generate(devices);
        List<SimulatedDevice> bands = plan.devices().stream()
                .map(child -> SimulatedDevice.of(child, interval, common.form)).toList();
        LoadSettings settings = new LoadSettings(common.broker, bands, seed, clock, sourceAddresses, connectRate,
                eventLoops, Duration.ofMillis(100));
        err.printf("%d bands, seed %d, connecting at %d/s over %s to %s%n", devices, seed, connectRate,
                sourceAddresses.isEmpty() ? "the default source address" : sourceAddresses, common.broker);
        Instant realStart = realClock.instant();
        Interruption interruption = Interruption.onShutdown();
        PublishSummary summary;
        int failures;
        // A busy machine connects far slower than the nominal rate; give the ramp five times its nominal length.
        Duration rampLimit = Duration.ofSeconds(120 + 5L * devices / connectRate);
        try (LoadFleet fleet = LoadFleet.start(settings, rampLimit);
             StatusLine status = new StatusLine(err, fleet::summary, clock)) {
            status.start();
            failures = fleet.connectFailures();
            err.printf("%d bands connected, %d failed to connect, in %s%n", fleet.summary().connected(), failures,
                    DurationText.format(Duration.between(realStart, realClock.instant())));
            err.println(MemoryUse.now().format("shouhu-sim with " + fleet.summary().connected() + " connected bands"));
            Instant end = duration == null ? null : clock.instant().plus(duration);
            try {
                while (end == null || clock.instant().isBefore(end)) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException stopRequested) {
                // Ctrl-C: stop and summarise.
            }
            int connected = fleet.summary().connected();
            err.println(MemoryUse.now().format("shouhu-sim with " + connected + " connected bands"));
            fleet.stop();
            summary = fleet.summary().withConnected(connected);
        } finally {
            interruption.finished();
        }
        out.println(StatusLine.summary(summary, Duration.between(realStart, realClock.instant()),
                Duration.between(simulatedStart, clock.instant())));
        return failures == 0 && summary.failed() == 0 && summary.pending() == 0 ? SimulatorMain.OK
                : SimulatorMain.FAILURES;
    }
}
