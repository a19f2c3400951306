package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.FleetSettings;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.SimulatedFleet;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionGenerator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shouhu-sim sos}: one band presses SOS now. */
@Command(name = "sos", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Press SOS on one simulated wristband now: connect it (client id = IMEI), publish the SOS at QoS 1 and "
                    + "report how long the broker took to acknowledge it. With --await-help, also wait for the "
                    + "platform's 'SOS acknowledged' downlink (help is coming).",
            "",
            "The band is a child of the generated region (by --index, default 0, or by --imei), so its position "
                    + "is that child's, as in 'shouhu-sim fleet' with the same seed.",
            "",
            "Exit status: 0 when acknowledged (and, with --await-help, help is coming), 1 otherwise, 2 for a "
                    + "usage error."})
final class SosCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = true)
    Which which = new Which();

    static final class Which {
        @Option(names = "--index", paramLabel = "N", description = "Band number in the generated region (default: 0).")
        Integer index;

        @Option(names = "--imei", paramLabel = "IMEI", description = "Band IMEI (15 digits).")
        String imei;
    }

    @Option(names = "--no-fix", description = "Press without a position (indoors, no GNSS lock yet).")
    boolean noFix;

    @Option(names = "--await-help", paramLabel = "DURATION",
            description = "Also wait this long for the platform's SOS acknowledgement downlink, e.g. 30s.")
    Duration awaitHelp;

    private final Clock realClock;
    private final PrintStream out;

    SosCommand(Clock realClock, PrintStream out) {
        this.realClock = realClock;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        long seed = common.seedOr(1);
        RegionGenerator region = common.region(seed);
        DeviceAssignment child = region.assign(index(common.firstImei));
        SimulatedDevice band = SimulatedDevice.of(child, SimulatedDevice.DEFAULT_INTERVAL, common.form);
        FleetSettings settings = FleetSettings.builder(common.broker, List.of(band)).seed(seed).clock(realClock).build();
        try (SimulatedFleet fleet = SimulatedFleet.start(settings)) {
            long before = System.nanoTime();
            Instant pressed = noFix ? fleet.pressSosWithoutFix(band.id()) : fleet.pressSos(band.id());
            Duration ack = Duration.ofNanos(System.nanoTime() - before);
            out.printf("SOS from %s (%s, %s) pressed at %s %s; broker acknowledged in %s%n", band.id(),
                    child.villageName(), child.schoolName(), pressed, noFix ? "without a fix" : "with a fix",
                    DurationText.format(ack));
            if (awaitHelp == null) {
                return 0;
            }
            return awaitHelp(fleet, band.id(), pressed);
        }
    }

    private int awaitHelp(SimulatedFleet fleet, DeviceId id, Instant pressed) throws InterruptedException {
        long deadline = System.nanoTime() + awaitHelp.toNanos();
        while (fleet.helpComing(id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (fleet.helpComing(id) == 0) {
            out.printf("no SOS acknowledgement from the platform within %s%n", DurationText.format(awaitHelp));
            return 1;
        }
        out.printf("help is coming: the platform acknowledged the SOS %s after the press%n",
                DurationText.format(Duration.between(pressed, realClock.instant())));
        return 0;
    }

    private int index(long firstImei) {
        if (which.imei == null) {
            int index = which.index == null ? 0 : which.index;
            if (index < 0) {
                throw new IllegalArgumentException("--index must be >= 0: " + index);
            }
            return index;
        }
        long offset = DeviceId.parse(which.imei).imei() - firstImei;
        if (offset < 0 || offset >= 10_000_000) {
            throw new IllegalArgumentException("--imei " + which.imei + " is not a band of the generated region "
                    + "(bands are --first-imei " + firstImei + " + index)");
        }
        return (int) offset;
    }
}
