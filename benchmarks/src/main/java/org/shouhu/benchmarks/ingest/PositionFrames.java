package org.shouhu.benchmarks.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;

/**
 * Binary position frames encoded before a run, so that encoding costs nothing while publishing. Frame {@code i}
 * belongs to wristband {@code i % devices} with sequence {@code i / devices}; fixes lie around Bijie, an hour old
 * and one millisecond apart, so every frame is a distinct row. Immutable after construction.
 */
final class PositionFrames {

    /** The IMEI of wristband 0; wristband {@code d} is {@code FIRST_IMEI + d}. */
    static final long FIRST_IMEI = 860_000_000_000_000L;

    private final String[] topics;
    private final byte[][] payloads;

    PositionFrames(int count, int devices, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        String[] deviceTopics = new String[devices];
        for (int d = 0; d < devices; d++) {
            deviceTopics[d] = Topics.uplink(new DeviceId(FIRST_IMEI + d), MessageType.POSITION);
        }
        topics = new String[count];
        payloads = new byte[count][];
        for (int i = 0; i < count; i++) {
            int device = i % devices;
            Fix fix = new Fix(start.plusMillis(i), 27.3 + random.nextDouble(-0.9, 0.9),
                    105.3 + random.nextDouble(-1.0, 1.0), 5 + random.nextInt(30), FixSource.GNSS,
                    random.nextDouble(0, 2.0), random.nextDouble(0, 359.0));
            PositionReport report = new PositionReport(new DeviceId(FIRST_IMEI + device), i / devices, fix,
                    20 + random.nextInt(80));
            topics[i] = deviceTopics[device];
            payloads[i] = UplinkCodec.encodeBinary(report);
        }
    }

    int size() {
        return topics.length;
    }

    String topic(int i) {
        return topics[i];
    }

    byte[] payload(int i) {
        return payloads[i];
    }
}
