package org.shouhu.server.map;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.shouhu.alert.Actor;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.server.directory.DirectoryContent;
import org.shouhu.server.directory.DirectorySnapshot;
import org.shouhu.server.directory.PoliceJurisdictionEntry;

/**
 * Prints what the live feed costs at fleet scale: the ingest-side cost per committed fix, and the cost of one tick in
 * which every wristband moved (locating each in the real jurisdiction index, building its JSON once, and the payloads
 * for one dispatcher per jurisdiction and one administrator). Not a test; run it with
 * {@code java -cp <test classpath> org.shouhu.server.map.LiveFeedLoadHarness [wristbands] [jurisdictions] [rounds]}.
 */
public final class LiveFeedLoadHarness {

    private LiveFeedLoadHarness() {
    }

    public static void main(String[] args) {
        int wristbands = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int side = args.length > 1 ? (int) Math.round(Math.sqrt(Integer.parseInt(args[1]))) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        DirectorySnapshot directory = grid(side);
        LiveFeed feed = new LiveFeed(directory::locate, directory::forDevice);
        List<MapViewer> viewers = new ArrayList<>();
        for (int i = 0; i < side * side; i++) {
            viewers.add(MapViewer.dispatcher(Actor.police("d" + i), "j" + i));
        }
        viewers.add(MapViewer.everything(Actor.operator("admin")));

        SplittableRandom random = new SplittableRandom(42);
        DeviceId[] devices = new DeviceId[wristbands];
        double[] lat = new double[wristbands];
        double[] lon = new double[wristbands];
        for (int i = 0; i < wristbands; i++) {
            devices[i] = new DeviceId(860_000_000_000_000L + i);
            lat[i] = 26.0 + random.nextDouble() * side * 0.5;
            lon[i] = 104.0 + random.nextDouble() * side * 0.5;
        }
        System.out.printf(Locale.ROOT, "live feed: %d wristbands, %d jurisdictions, %d dispatchers + 1 administrator%n",
                wristbands, side * side, side * side);
        Instant start = Instant.parse("2026-05-01T08:00:00Z");
        for (int round = 0; round < rounds; round++) {
            long ingestNanos = 0;
            for (int from = 0; from < wristbands; from += 1_000) {
                List<StoredPosition> batch = new ArrayList<>(1_000);
                for (int i = from; i < Math.min(wristbands, from + 1_000); i++) {
                    lat[i] += (random.nextDouble() - 0.5) * 1e-3;
                    lon[i] += (random.nextDouble() - 0.5) * 1e-3;
                    batch.add(new StoredPosition(devices[i], round, new Fix(start.plusSeconds(round * 30L), lat[i],
                            lon[i], 10, FixSource.GNSS, 1.0, 90.0), 80, Instant.now(), false));
                }
                long before = System.nanoTime();
                feed.onPositions(batch);
                ingestNanos += System.nanoTime() - before;
            }
            long before = System.nanoTime();
            LiveFeed.Tick tick = feed.collect();
            long bytes = 0;
            for (MapViewer viewer : viewers) {
                bytes += tick.payloadFor(viewer).map(String::length).orElse(0);
            }
            long tickNanos = System.nanoTime() - before;
            System.out.printf(Locale.ROOT, "round %2d: ingest side %.0f ns/fix; tick with every wristband moved "
                            + "%.1f ms; %.1f MB of payloads (%.1f KB per dispatcher)%n", round,
                    (double) ingestNanos / wristbands, tickNanos / 1e6, bytes / 1e6,
                    (bytes - tick.payloadFor(viewers.get(viewers.size() - 1)).map(String::length).orElse(0))
                            / 1e3 / (side * side));
        }
        // The usual case: each wristband reports every 30 s, so a 300 ms tick carries 1 % of the fleet.
        int perTick = Math.max(1, wristbands / 100);
        for (int round = 0; round < rounds; round++) {
            List<StoredPosition> batch = new ArrayList<>(perTick);
            for (int k = 0; k < perTick; k++) {
                int i = random.nextInt(wristbands);
                lat[i] += (random.nextDouble() - 0.5) * 1e-3;
                batch.add(new StoredPosition(devices[i], rounds + round, new Fix(start.plusSeconds(
                        (rounds + round) * 30L), lat[i], lon[i], 10, FixSource.GNSS, 1.0, 90.0), 80, Instant.now(),
                        false));
            }
            feed.onPositions(batch);
            long before = System.nanoTime();
            LiveFeed.Tick tick = feed.collect();
            long bytes = 0;
            for (MapViewer viewer : viewers) {
                bytes += tick.payloadFor(viewer).map(String::length).orElse(0);
            }
            System.out.printf(Locale.ROOT, "tick with %d moved (1 %%): %.2f ms; %.0f KB of payloads%n", perTick,
                    (System.nanoTime() - before) / 1e6, bytes / 1e3);
        }
    }

    /** side x side square jurisdictions of half a degree from 26N 104E, as the directory holds them. */
    private static DirectorySnapshot grid(int side) {
        List<PoliceJurisdictionEntry> entries = new ArrayList<>();
        for (int row = 0; row < side; row++) {
            for (int column = 0; column < side; column++) {
                double south = 26.0 + row * 0.5;
                double west = 104.0 + column * 0.5;
                String ring = String.format(Locale.ROOT, "[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]", west, south,
                        west + 0.5, south, west + 0.5, south + 0.5, west, south + 0.5, west, south);
                entries.add(new PoliceJurisdictionEntry("j" + (row * side + column), "J" + (row * side + column),
                        "{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}", URI.create("http://127.0.0.1/cap")));
            }
        }
        return new DirectorySnapshot(new DirectoryContent(entries, List.of(), List.of()));
    }
}
