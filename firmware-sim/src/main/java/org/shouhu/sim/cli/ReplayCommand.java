package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.AcceleratedClock;
import org.shouhu.sim.PublishSummary;
import org.shouhu.sim.record.RecordedMessage;
import org.shouhu.sim.record.RecordingFormat;
import org.shouhu.sim.record.Replayer;
import org.shouhu.sim.record.TrackImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code shouhu-sim replay}: publish a recording, or real GPX/CSV tracks, again. */
@Command(name = "replay", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Publish again what a fleet recorded with 'shouhu-sim fleet --record FILE', byte for byte, each message "
                    + "from its own band's connection, with the recorded spacing divided by --speed.",
            "",
            "Real tracks can be replayed too: a .gpx file (one band, --imei) or a .csv file with the header "
                    + "device,time,lat,lon[,accuracy]. Tracks are moved in time so that they start now, unless "
                    + "--keep-times is given.",
            "",
            "Exit status: 0 when every message was acknowledged, 1 otherwise, 2 for a usage error (including an "
                    + "unreadable file)."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "FILE", description = "A recording, a .gpx track or a .csv track file.")
    Path file;

    @Option(names = {"-s", "--speed"}, paramLabel = "FACTOR", defaultValue = "1",
            description = "1 replays in real time, 60 an hour per minute, 0 as fast as possible "
                    + "(default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--imei", paramLabel = "IMEI", description = "The band a GPX track belongs to.")
    String imei;

    @Option(names = "--keep-times", description = "Replay tracks with their original timestamps.")
    boolean keepTimes;

    private final Clock realClock;
    private final PrintStream out;
    private final PrintStream err;

    ReplayCommand(Clock realClock, PrintStream out, PrintStream err) {
        this.realClock = realClock;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        List<RecordedMessage> messages = load();
        if (messages.isEmpty()) {
            err.println("nothing to replay in " + file);
            return 0;
        }
        Instant first = messages.get(0).at();
        Duration span = Duration.between(first, messages.get(messages.size() - 1).at());
        err.printf("replaying %d messages spanning %s at %sx to %s%n", messages.size(), span,
                speed == 0 ? "max" : speed, common.broker);
        Replayer replayer = new Replayer(common.broker, speed, realClock);
        Instant realStart = realClock.instant();
        PublishSummary summary;
        Interruption interruption = Interruption.onShutdown();
        try (StatusLine status = new StatusLine(err, replayer::summary,
                new AcceleratedClock(realClock, first, speed == 0 ? 1 : speed))) {
            status.start();
            summary = replayer.replay(messages);
        } catch (InterruptedException stopRequested) {
            summary = replayer.summary();
        } finally {
            interruption.finished();
        }
        Duration real = Duration.between(realStart, realClock.instant());
        out.println(StatusLine.summary(summary, real, span));
        return summary.failed() == 0 && summary.pending() == 0 ? 0 : 1;
    }

    private List<RecordedMessage> load() throws Exception {
        String name = file.getFileName().toString().toLowerCase();
        Instant shiftTo = keepTimes ? null : realClock.instant();
        if (name.endsWith(".gpx")) {
            if (imei == null) {
                throw new IllegalArgumentException("a GPX track needs --imei, the band it belongs to");
            }
            return TrackImporter.gpx(file, DeviceId.parse(imei), common.form, shiftTo);
        }
        if (name.endsWith(".csv")) {
            return TrackImporter.csv(file, common.form, shiftTo);
        }
        return RecordingFormat.read(file);
    }
}
