package org.shouhu.sim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.load.LinkCounts;

/**
 * One child process of a split {@code load} run, running bands {@code from .. from+count-1}: reads its
 * {@link SliceReport} lines and keeps the latest of each kind, and passes its standard error on to ours with the
 * slice's number in front. Thread-safe.
 */
final class SliceProcess {

    private final int number;
    private final int from;
    private final int count;
    private final Process process;
    private final PrintStream err;
    private final CountDownLatch rampOrExit = new CountDownLatch(1);
    private final CountDownLatch reportsRead = new CountDownLatch(2);
    private final Map<String, SliceReport.Memory> memory = new ConcurrentHashMap<>();
    private volatile SliceReport.Status status;
    private volatile SliceReport.Ramp ramp;

    private SliceProcess(int number, int from, int count, Process process, PrintStream err) {
        this.number = number;
        this.from = from;
        this.count = count;
        this.process = process;
        this.err = err;
    }

    /** Starts {@code command} as the process of slice {@code number} (1-based). */
    static SliceProcess start(int number, int from, int count, List<String> command, PrintStream err)
            throws IOException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        SliceProcess slice = new SliceProcess(number, from, count, process, err);
        slice.read(process.getInputStream(), slice::reportLine, "out");
        slice.read(process.getErrorStream(), slice::errorLine, "err");
        process.onExit().thenRun(slice.rampOrExit::countDown);
        return slice;
    }

    int number() {
        return number;
    }

    int from() {
        return from;
    }

    int count() {
        return count;
    }

    long pid() {
        return process.pid();
    }

    /** The latest status, or zeros before the first. */
    SliceReport.Status status() {
        SliceReport.Status latest = status;
        return latest != null ? latest : new SliceReport.Status(false, new PublishSummary(0, 0, 0, 0, count, 0,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO),
                0, LinkCounts.NONE, new long[0]);
    }

    /** The end of the ramp, once reported. */
    Optional<SliceReport.Ramp> ramp() {
        return Optional.ofNullable(ramp);
    }

    /** The memory reported at a phase ({@code connected}, {@code stopping}), if it was. */
    Optional<SliceReport.Memory> memory(String phase) {
        return Optional.ofNullable(memory.get(phase));
    }

    /** Whether the final status came: the slice stopped its bands and counted everything. */
    boolean finished() {
        SliceReport.Status latest = status;
        return latest != null && latest.last();
    }

    /** Waits until the slice has reported the end of its ramp, or has exited. */
    void awaitRamp() throws InterruptedException {
        rampOrExit.await();
    }

    /** Asks the slice to stop its bands and report (as Ctrl-C would). */
    void stop() {
        process.destroy();
    }

    /** Waits for the process to exit and its output to be read; returns its exit status. */
    int awaitExit() throws InterruptedException {
        int status = process.waitFor();
        reportsRead.await(10, TimeUnit.SECONDS);
        return status;
    }

    /** Waits at most {@code seconds} for the process to exit, and kills it if it has not. */
    void awaitExitOrKill(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void reportLine(String line) {
        Optional<SliceReport.Line> report;
        try {
            report = SliceReport.parse(line);
        } catch (RuntimeException e) {
            errorLine("unreadable report: " + line);
            return;
        }
        if (report.isEmpty()) {
            errorLine(line);
        } else if (report.get() instanceof SliceReport.Status s) {
            status = s;
        } else if (report.get() instanceof SliceReport.Ramp r) {
            ramp = r;
            rampOrExit.countDown();
        } else if (report.get() instanceof SliceReport.Memory m) {
            memory.put(m.phase(), m);
        }
    }

    private void errorLine(String line) {
        err.println("[process " + number + "] " + line);
    }

    private void read(InputStream stream, Consumer<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                errorLine("lost its standard " + name + ": " + e.getMessage());
            } finally {
                reportsRead.countDown();
            }
        }, "slice-" + number + "-" + name);
        reader.setDaemon(true);
        reader.start();
    }
}
