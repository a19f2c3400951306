package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.AcceleratedClock;
import org.shouhu.sim.FleetSettings;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.SimulatedFleet;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.model.ScheduledIntervention;
import org.shouhu.sim.record.RecordingWriter;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.scenario.Scenario;
import org.shouhu.sim.scenario.ScenarioParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shouhu-sim fleet}: N simulated wristbands publishing positions, SOS and status over MQTT. */
@Command(name = "fleet", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Run N simulated wristbands, each its own MQTT connection (client id = IMEI, QoS 1), living the daily "
                    + "routine of a child in a generated region around Bijie, Guizhou: home at night, walking to "
                    + "school, in class, home again, sometimes a detour. Bands report every interval while moving, "
                    + "less often when still, every 10 s after an SOS; they lose coverage in valleys and upload "
                    + "late batches; batteries drain; bands come off.",
            "",
            "Time can be accelerated: --speed 60 --duration 10h runs a school day in 10 minutes. Accelerated runs "
                    + "start in the past by default (start = now - duration) so that no message is stamped in the "
                    + "future of the platform's clock.",
            "",
            "Exit status: 0 when every message was acknowledged, 1 when some failed or were never acknowledged, "
                    + "2 for a usage error (bad option, bad scenario file)."})
final class FleetCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--devices"}, paramLabel = "N",
            description = "Number of bands (default: 10, or the scenario's).")
    Integer devices;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION",
            description = "Reporting interval while moving, 10s..1h (default: 60s, or the scenario's).")
    Duration interval;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION",
            description = "How much simulated time to run, e.g. 10m, 10h, 1d (default: the scenario's, else until "
                    + "interrupted with Ctrl-C).")
    Duration duration;

    @Option(names = {"-s", "--speed"}, paramLabel = "FACTOR", defaultValue = "1",
            description = "Acceleration of simulated time: 1 is real time, 60 runs an hour per minute "
                    + "(default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--start", paramLabel = "DATE-TIME",
            description = "Simulated start, ISO-8601 (2026-03-02T06:00+08:00) (default: the scenario's; else now, "
                    + "or now minus the duration when accelerated).")
    String start;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario file of scripted events "
            + "(see docs/simulator.md).")
    Path scenarioFile;

    @Option(names = "--record", paramLabel = "FILE", description = "Record every published message with its "
            + "simulated time, for 'shouhu-sim replay'.")
    Path recordFile;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "100ms", hidden = true,
            description = "Real time between steps of the fleet.")
    Duration tick;

    private final Clock realClock;
    private final PrintStream out;
    private final PrintStream err;

    FleetCommand(Clock realClock, PrintStream out, PrintStream err) {
        this.realClock = realClock;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        Scenario scenario = scenarioFile == null ? null : ScenarioParser.parse(scenarioFile);
        long seed = common.seedOr(scenario != null && scenario.seed().isPresent() ? scenario.seed().getAsLong() : 1);
        int count = devices != null ? devices
                : scenario != null && scenario.devices().isPresent() ? scenario.devices().getAsInt() : 10;
        Duration every = interval != null ? interval
                : scenario != null ? scenario.interval().orElse(SimulatedDevice.DEFAULT_INTERVAL)
                : SimulatedDevice.DEFAULT_INTERVAL;
        Duration span = duration != null ? duration : scenario != null ? scenario.duration().orElse(null) : null;
        if (count < 1 || count > 1_000_000) {
            throw new IllegalArgumentException("--devices must be 1..1000000: " + count);
        }
        Instant simulatedStart = simulatedStart(scenario, span);
        Clock clock = new AcceleratedClock(realClock, simulatedStart, speed);

        RegionPlan plan = common.region(seed).generate(count);
        List<SimulatedDevice> bands = plan.devices().stream()
                .map(child -> SimulatedDevice.of(child, every, common.form)).toList();
        Map<DeviceId, List<ScheduledIntervention>> script =
                scenario == null ? Map.of() : scenario.schedule(simulatedStart, plan);

        RecordingWriter recorder = recordFile == null ? null : new RecordingWriter(recordFile);
        FleetSettings.Builder settings = FleetSettings.builder(common.broker, bands).seed(seed).clock(clock)
                .tick(tick).interventions(script);
        if (recorder != null) {
            settings.listener(recorder);
        }
        err.printf("%d bands, seed %d, %s, interval %s, speed %sx, simulated start %s, broker %s%n", count, seed,
                common.form, DurationText.format(every), speed, simulatedStart, common.broker);
        Instant realStart = realClock.instant();
        PublishSummary summary;
        Interruption interruption = Interruption.onShutdown();
        try (SimulatedFleet fleet = SimulatedFleet.start(settings.build());
             StatusLine status = new StatusLine(err, fleet::summary, clock)) {
            status.start();
            waitUntil(clock, span == null ? null : simulatedStart.plus(span));
            int connected = fleet.summary().connected();
            fleet.stop();
            summary = fleet.summary().withConnected(connected);
        } finally {
            interruption.finished();
            if (recorder != null) {
                recorder.close();
                err.printf("recorded %d messages to %s%n", recorder.written(), recordFile);
            }
        }
        Duration real = Duration.between(realStart, realClock.instant());
        out.println(StatusLine.summary(summary, real, Duration.between(simulatedStart, clock.instant())));
        return summary.failed() == 0 && summary.pending() == 0 ? 0 : 1;
    }

    private Instant simulatedStart(Scenario scenario, Duration span) {
        if (start != null) {
            return ScenarioParser.parseInstant(start);
        }
        if (scenario != null && scenario.start().isPresent()) {
            return scenario.start().get();
        }
        Instant now = realClock.instant();
        return speed > 1 && span != null ? now.minus(span) : now;
    }

    /**
     * Sleeps until the simulated clock reaches {@code end}, or forever when there is none. An interrupt (Ctrl-C, see
     * {@link Interruption}) is the request to stop early, so it ends the wait normally and is not re-asserted.
     */
    private static void waitUntil(Clock clock, Instant end) {
        try {
            while (end == null || clock.instant().isBefore(end)) {
                Thread.sleep(50);
            }
        } catch (InterruptedException stopRequested) {
            // The run ends here; the caller stops the fleet and prints the summary.
        }
    }
}
