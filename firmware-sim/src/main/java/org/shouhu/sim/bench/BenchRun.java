package org.shouhu.sim.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.internal.LatencyHistogram;

/**
 * One bench run, in four phases on the same publishers: (1) the broker alone, publishing flat out under a topic
 * root the platform does not subscribe to, to a plain shared subscriber; (2) the database alone, binary COPY into a
 * scratch table; (3) the platform, publishing flat out (or at a fixed rate) to the platform's topics and counting
 * rows committed to {@code positions}; (4) SOS presses on distinct bands while publishing at half the platform's
 * rate, timed from press to the CAP Alert at the receiver. Between (3) and (4) the harness waits until the platform
 * has stored its backlog, so that (4) measures SOS at half load and not behind a queue. Progress goes to {@code progress} once a second.
 * Not thread-safe; run once.
 */
public final class BenchRun {

    static final String RAW_ROOT = "shouhu-bench-raw/";

    private final BenchFleet fleet;
    private final List<SimulatedDevice> bands;
    private final Connection database;
    private final PoliceReceiver receiver;
    private final String brokerHost;
    private final int brokerPort;
    private final BenchPlan plan;
    private final PrintStream progress;

    public BenchRun(BenchFleet fleet, BenchSettings settings, Connection database, PoliceReceiver receiver,
                    BenchPlan plan, PrintStream progress) {
        this.fleet = fleet;
        this.bands = settings.devices();
        this.database = database;
        this.receiver = receiver;
        this.brokerHost = settings.host();
        this.brokerPort = settings.port();
        this.plan = plan;
        this.progress = progress;
    }

    public BenchReport run() throws InterruptedException, SQLException, IOException {
        Rate brokerRaw = brokerAlone();
        fleet.drive(Load.IDLE);
        progress.println("[2/4] database alone: binary COPY of position rows into a scratch table");
        Rate copyRaw = new CopyBaseline(database).measure(plan.window(), plan.copyBatchRows(), bands.size());
        progress.printf(Locale.ROOT, "      %.0f rows/s%n", copyRaw.perSecond());
        PlatformFigures platform = platform();
        return sosAtLoad(brokerRaw, copyRaw, platform, platform.ingest().perSecond() / 2);
    }

    private Rate brokerAlone() throws InterruptedException {
        progress.printf("[1/4] broker alone: %d bands publish QoS 1 flat out to a plain subscriber (%d connections)%n",
                bands.size(), plan.rawSubscribers());
        try (PlainSubscriber subscriber = PlainSubscriber.start(brokerHost, brokerPort, RAW_ROOT,
                plan.rawSubscribers())) {
            fleet.drive(Load.flatOut(plan.flatOutWindow(), RAW_ROOT));
            Rate rate = measure("received", subscriber::received);
            fleet.drive(Load.IDLE);
            Thread.sleep(500);
            return rate;
        }
    }

    /** The platform's committed rows per second, the broker's acknowledgements meanwhile, and the drained totals. */
    private PlatformFigures platform() throws InterruptedException, SQLException {
        StoredPositions stored = new StoredPositions(database);
        Load load = plan.ingestRate().isPresent() ? Load.rate(plan.ingestRate().getAsDouble(), "")
                : Load.flatOut(plan.flatOutWindow(), "");
        progress.printf("[3/4] platform: %d bands publish QoS 1 %s to the platform; rows committed to positions%n",
                bands.size(), load.flatOut() ? "flat out" : String.format(Locale.ROOT, "at %.0f/s", load.perSecond()));
        long storedBefore = stored.inserted();
        long ackedBefore = fleet.summary().acknowledged();
        fleet.drive(load);
        long ackedAtWindow = fleet.summary().acknowledged();
        long windowStart = System.nanoTime();
        Rate ingest = measure("committed", () -> inserted(stored));
        Rate published = new Rate(fleet.summary().acknowledged() - ackedAtWindow,
                Duration.ofNanos(System.nanoTime() - windowStart));
        fleet.drive(Load.IDLE);
        long drainStart = System.nanoTime();
        long storedAfter = awaitQuiet(stored);
        Duration drain = Duration.ofNanos(System.nanoTime() - drainStart);
        long acked = fleet.summary().acknowledged() - ackedBefore;
        long rows = storedAfter - storedBefore;
        progress.printf("      drained in %s: broker acknowledged %d position reports, platform stored %d%s%n",
                DurationText.format(drain), acked, rows,
                rows < acked ? " (" + (acked - rows) + " missing: dropped by the broker's queue or not yet stored)"
                        : "");
        return new PlatformFigures(ingest, published, acked, rows);
    }

    /** Positions rows stored and published in the platform phase, and its rates. */
    private record PlatformFigures(Rate ingest, Rate published, long acknowledged, long stored) {
    }

    /**
     * Waits (at most two minutes) until the stored count has not moved for 12 s, returns it: a PostgreSQL backend
     * that goes idle publishes its last statistics only after 10 s.
     */
    private long awaitQuiet(StoredPositions stored) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long last = inserted(stored);
        int quietSeconds = 0;
        while (quietSeconds < 12 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long now = inserted(stored);
            quietSeconds = now == last ? quietSeconds + 1 : 0;
            last = now;
        }
        return last;
    }

    private static long inserted(StoredPositions stored) {
        try {
            return stored.inserted();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read positions statistics: " + e.getMessage(), e);
        }
    }

    private BenchReport sosAtLoad(Rate brokerRaw, Rate copyRaw, PlatformFigures platform, double load)
            throws InterruptedException {
        int presses = Math.min(plan.sosPresses(), bands.size());
        progress.printf(Locale.ROOT, "[4/4] SOS: %d presses at %.1f/s on distinct bands while publishing %.0f msg/s "
                + "(half the platform's rate)%n", presses, plan.sosPerSecond(), load);
        fleet.drive(load > 0 ? Load.rate(load, "") : Load.IDLE);
        Thread.sleep(plan.warmup().toMillis());
        SosPressed[] pressed = new SosPressed[presses];
        long gapNanos = (long) (1e9 / plan.sosPerSecond());
        long next = System.nanoTime();
        for (int i = 0; i < presses; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            pressed[i] = fleet.pressSos(sosBand(i, presses));
            next += gapNanos;
        }
        long deadline = System.nanoTime() + plan.sosTimeout().toNanos();
        LatencyHistogram latencies = new LatencyHistogram();
        List<Integer> missing = new ArrayList<>();
        long max = 0;
        for (int i = 0; i < presses; i++) {
            String imei = bands.get(sosBand(i, presses)).id().toString();
            Optional<Long> arrival = receiver.arrivalAfter(imei, pressed[i].nanos(), pressed[i].at());
            while (arrival.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
                arrival = receiver.arrivalAfter(imei, pressed[i].nanos(), pressed[i].at());
            }
            if (arrival.isPresent()) {
                long nanos = arrival.get() - pressed[i].nanos();
                latencies.record(Duration.ofNanos(nanos));
                max = Math.max(max, nanos);
            } else {
                missing.add(i);
            }
        }
        fleet.drive(Load.IDLE);
        if (!missing.isEmpty()) {
            progress.printf("      %d presses reached no receiver within %s%n", missing.size(), plan.sosTimeout());
        }
        return new BenchReport(bands.size(), brokerRaw, copyRaw, platform.ingest(), platform.published(),
                platform.acknowledged(), platform.stored(), load, latencies.percentile(50),
                latencies.percentile(99), Duration.ofNanos(max), presses, missing.size());
    }

    /** Presses are spread over the fleet so each alert is about another band (and another child). */
    private int sosBand(int press, int presses) {
        return (int) ((long) press * bands.size() / presses);
    }

    /** Warms up, then counts over the window; prints the rate once a second. */
    private Rate measure(String what, LongSupplier counter) throws InterruptedException {
        Thread.sleep(plan.warmup().toMillis());
        long startCount = counter.getAsLong();
        long start = System.nanoTime();
        long end = start + plan.window().toNanos();
        long lastCount = startCount;
        long last = start;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            long count = counter.getAsLong();
            long now = System.nanoTime();
            progress.printf(Locale.ROOT, "      %s %.0f/s | published %s%n", what,
                    (count - lastCount) / ((now - last) / 1e9), fleet.summary().sent());
            lastCount = count;
            last = now;
        }
        return new Rate(counter.getAsLong() - startCount, Duration.ofNanos(System.nanoTime() - start));
    }
}
