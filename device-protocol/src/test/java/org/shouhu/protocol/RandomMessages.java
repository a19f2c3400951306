package org.shouhu.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid messages already at wire resolution (1e-7 degree, 1 cm/s, 0.01 degree, 1 ms), so that a round trip
 * must return them unchanged. Times lie up to a day before {@link Examples#NOW}.
 */
final class RandomMessages {

    private final Random random;
    private final int maxBatch;

    /** @param maxBatch the largest batch to generate; one batch in ten is drawn from 1..maxBatch, the rest 1..20 */
    RandomMessages(long seed, int maxBatch) {
        this.random = new Random(seed);
        this.maxBatch = maxBatch;
    }

    RandomMessages(long seed) {
        this(seed, PositionBatch.MAX_POSITIONS);
    }

    UplinkMessage uplink() {
        DeviceId device = device();
        return switch (random.nextInt(4)) {
            case 0 -> position(device);
            case 1 -> new SosPress(device, sequence(), time(), fix(), battery());
            case 2 -> new StatusReport(device, sequence(), time(), battery(), random.nextBoolean(), random.nextBoolean());
            default -> {
                List<PositionReport> positions = new ArrayList<>();
                int count = 1 + random.nextInt(random.nextInt(10) == 0 ? maxBatch : Math.min(20, maxBatch));
                for (int i = 0; i < count; i++) {
                    positions.add(position(device));
                }
                yield new PositionBatch(device, sequence(), positions);
            }
        };
    }

    DownlinkCommand downlink() {
        DeviceId device = device();
        return switch (random.nextInt(3)) {
            case 0 -> new LocateNow(device, sequence());
            case 1 -> new SetReportingInterval(device, sequence(), Duration.ofSeconds(10 + random.nextInt(3591)));
            default -> new SosAcknowledged(device, sequence(), sequence());
        };
    }

    private PositionReport position(DeviceId device) {
        return new PositionReport(device, sequence(), fix(), battery());
    }

    private Fix fix() {
        FixSource source = FixSource.values()[random.nextInt(FixSource.values().length)];
        if (source == FixSource.NONE) {
            return Fix.none(time());
        }
        return new Fix(time(), (random.nextInt(1_800_000_001) - 900_000_000) / 1e7,
                (random.nextLong(3_600_000_001L) - 1_800_000_000L) / 1e7, random.nextInt(Fix.MAX_ACCURACY_METRES + 1),
                source, random.nextInt(65_501) / 100.0, random.nextInt(36_000) / 100.0);
    }

    private Instant time() {
        return Examples.NOW.minusMillis(random.nextLong(Duration.ofDays(1).toMillis()));
    }

    private DeviceId device() {
        return new DeviceId(random.nextLong(DeviceId.LIMIT));
    }

    private long sequence() {
        return random.nextLong(0x1_0000_0000L);
    }

    private int battery() {
        return random.nextInt(101);
    }
}
