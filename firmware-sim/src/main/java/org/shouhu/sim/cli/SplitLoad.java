package org.shouhu.sim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shouhu.sim.AcceleratedClock;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.SimulatorMain;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.load.LinkCounts;

/**
 * {@code load --processes N}: one fleet run as N child JVMs of this program, each running a contiguous slice of the
 * bands ({@code load --first-index}), reported as one run: one status line, the ramp and the memory of every process
 * and of all together, one summary, one exit status (0 only when every process connected all its bands and had
 * everything acknowledged).
 * <p>
 * Why processes: every connection is an open file, and a process may open only so many ({@code ulimit -n}; a
 * container without {@code CAP_SYS_RESOURCE} cannot raise its hard limit). Not thread-safe: one run per instance.
 */
final class SplitLoad {

    /** The {@code load} arguments of the child running {@code count} bands from {@code from}. */
    interface SliceArguments {
        List<String> of(int from, int count);
    }

    private final SliceArguments arguments;
    private final List<String> javaOptions;
    private final int processes;
    private final int devices;
    private final Clock realClock;
    private final double speed;
    private final PrintStream out;
    private final PrintStream err;
    private final List<SliceProcess> slices = new ArrayList<>();

    SplitLoad(SliceArguments arguments, List<String> javaOptions, int processes, int devices, Clock realClock,
              double speed, PrintStream out, PrintStream err) {
        this.arguments = arguments;
        this.javaOptions = List.copyOf(javaOptions);
        this.processes = processes;
        this.devices = devices;
        this.realClock = realClock;
        this.speed = speed;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException, InterruptedException {
        Instant realStart = realClock.instant();
        Clock simulated = new AcceleratedClock(realClock, realStart, speed);
        err.printf("%d bands in %d processes of about %d, each JVM with %s%n", devices, processes,
                devices / processes, String.join(" ", javaOptions));
        Interruption interruption = Interruption.onShutdown();
        try {
            for (int i = 0; i < processes; i++) {
                int from = (int) ((long) devices * i / processes);
                int to = (int) ((long) devices * (i + 1) / processes);
                slices.add(SliceProcess.start(i + 1, from, to - from, command(from, to - from), err));
            }
            try (StatusLine status = new StatusLine(err, this::total, this::links, simulated)) {
                status.start();
                try {
                    for (SliceProcess slice : slices) {
                        slice.awaitRamp();
                    }
                    reportRamp(Duration.between(realStart, realClock.instant()));
                    for (SliceProcess slice : slices) {
                        slice.awaitExit();
                    }
                } catch (InterruptedException stopRequested) {
                    // Ctrl-C: every slice stops its bands and reports, as one process would.
                    slices.forEach(SliceProcess::stop);
                }
            }
            int status = exitStatus();
            reportMemory("stopping", "at the end");
            out.println(StatusLine.summary(total(), links(), Duration.between(realStart, realClock.instant()),
                    Duration.between(realStart, simulated.instant())));
            return status;
        } finally {
            for (SliceProcess slice : slices) {
                slice.stop();
                slice.awaitExitOrKill(20);
            }
            interruption.finished();
        }
    }

    private List<String> command(int from, int count) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SimulatorMain.class.getName());
        command.addAll(arguments.of(from, count));
        return command;
    }

    private PublishSummary total() {
        return SliceReport.total(slices.stream().map(SliceProcess::status).toList());
    }

    private LinkCounts links() {
        return SliceReport.links(slices.stream().map(SliceProcess::status).toList());
    }

    private void reportRamp(Duration took) {
        int connected = 0;
        int failures = 0;
        for (SliceProcess slice : slices) {
            Optional<SliceReport.Ramp> ramp = slice.ramp();
            connected += ramp.map(SliceReport.Ramp::connected).orElse(0);
            failures += ramp.map(SliceReport.Ramp::connectFailures).orElse(slice.count());
            err.printf("process %d (pid %d, bands %d..%d): %s%n", slice.number(), slice.pid(), slice.from(),
                    slice.from() + slice.count() - 1, ramp.map(r -> r.connected() + " connected, "
                            + r.connectFailures() + " failed to connect, in " + DurationText.format(r.took()))
                            .orElse("exited before connecting its bands"));
        }
        err.printf("%d bands connected, %d failed to connect, in %s (%.1f connections/s)%n", connected, failures,
                DurationText.format(took), connected / Math.max(0.001, took.toMillis() / 1000.0));
        reportMemory("connected", "after the ramp");
    }

    private void reportMemory(String phase, String when) {
        MemoryUse sum = new MemoryUse(0, 0, 0, 0);
        int reported = 0;
        for (SliceProcess slice : slices) {
            Optional<SliceReport.Memory> memory = slice.memory(phase);
            if (memory.isPresent()) {
                reported++;
                sum = sum.plus(memory.get().use());
                err.println(memory.get().use().format("process " + slice.number() + " (pid " + slice.pid() + ", "
                        + slice.count() + " bands) " + when));
            }
        }
        err.println(sum.format(reported + " of " + slices.size() + " processes " + when + ", together"));
    }

    private int exitStatus() throws InterruptedException {
        int worst = SimulatorMain.OK;
        for (SliceProcess slice : slices) {
            int status = slice.awaitExit();
            if (!slice.finished()) {
                err.printf("process %d (pid %d) exited with status %d before its final figures%n", slice.number(),
                        slice.pid(), status);
                worst = Math.max(worst, SimulatorMain.FAILURES);
            }
            if (status == SimulatorMain.USAGE) {
                worst = SimulatorMain.USAGE;
            } else if (status != SimulatorMain.OK) {
                worst = Math.max(worst, SimulatorMain.FAILURES);
            }
        }
        return worst;
    }
}
