package org.shouhu.embedded.internal;

import com.hivemq.configuration.service.InternalConfigurations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Settings of an embedded HiveMQ that its {@code config.xml} cannot express, chosen for one broker on a small
 * machine rather than for a cluster node: few persistence buckets (HiveMQ creates 64 stores per persistence by
 * default, each with its own files and threads, which dominates the start of a file-based broker and slows the
 * in-memory one), no JMX metrics reporter, a short shutdown grace period, and a larger cap on the outgoing
 * in-flight window (HiveMQ takes the smaller of it and the client's receive maximum; MQTT 3.1.1 subscribers were
 * nevertheless measured to get one unacknowledged QoS 1 message at a time, see the module README).
 *
 * <p>HiveMQ reads these from process-wide settings when it starts, so {@link #apply()} must be called just before
 * the start, under the lock that serialises starts. A data directory written with another bucket count keeps its
 * count (the stores are found by bucket), see {@link #forDataDirectory(Path)}. Immutable.
 *
 * @param persistenceBuckets buckets of the session, subscription, queue and retained-message stores
 * @param payloadBuckets     buckets of the payload store
 * @param inflightWindow     QoS 1/2 messages sent to one client and not yet acknowledged by it
 * @param shutdownGraceMillis how long a stopping broker waits for persistence tasks before closing the stores
 */
public record HiveMqTuning(int persistenceBuckets, int payloadBuckets, int inflightWindow, int shutdownGraceMillis) {

    /** Buckets of a new data directory. */
    public static final int NEW_BUCKETS = 4;
    /** Cap on the in-flight window per client (HiveMQ's default is 50). */
    public static final int INFLIGHT_WINDOW = 1_000;
    public static final int SHUTDOWN_GRACE_MILLIS = 300;

    public HiveMqTuning {
        if (persistenceBuckets < 1 || payloadBuckets < 1 || inflightWindow < 1 || shutdownGraceMillis < 0) {
            throw new IllegalArgumentException("invalid broker tuning: " + persistenceBuckets + "/" + payloadBuckets
                    + "/" + inflightWindow + "/" + shutdownGraceMillis);
        }
    }

    /**
     * The tuning for a broker on {@code dataDir}: {@value #NEW_BUCKETS} buckets for a new (or in-memory) broker,
     * the count found on disk for a directory that already holds file-based stores.
     */
    public static HiveMqTuning forDataDirectory(Path dataDir) {
        Path persistence = dataDir.resolve("persistence");
        return new HiveMqTuning(existingBuckets(persistence, "client_queue"),
                existingBuckets(persistence, "publish_payload_store"), INFLIGHT_WINDOW, SHUTDOWN_GRACE_MILLIS);
    }

    /** Sets HiveMQ's process-wide settings; call under the start lock, just before starting a broker. */
    public void apply() {
        InternalConfigurations.PERSISTENCE_BUCKET_COUNT.set(persistenceBuckets);
        InternalConfigurations.PAYLOAD_PERSISTENCE_BUCKET_COUNT.set(payloadBuckets);
        InternalConfigurations.PERSISTENCE_STARTUP_THREAD_POOL_SIZE.set(
                Math.max(2, Math.min(Runtime.getRuntime().availableProcessors() * 2, persistenceBuckets)));
        InternalConfigurations.JMX_REPORTER_ENABLED.set(false);
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(shutdownGraceMillis);
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = inflightWindow;
    }

    /** Counts {@code <store>/<version>/<store>_<n>} directories; {@value #NEW_BUCKETS} when there are none. */
    static int existingBuckets(Path persistence, String store) {
        Path root = persistence.resolve(store);
        if (!Files.isDirectory(root)) {
            return NEW_BUCKETS;
        }
        Pattern bucket = Pattern.compile(Pattern.quote(store) + "_\\d+");
        try (Stream<Path> versions = Files.list(root)) {
            int most = 0;
            for (Path version : (Iterable<Path>) versions::iterator) {
                if (!Files.isDirectory(version)) {
                    continue;
                }
                try (Stream<Path> buckets = Files.list(version)) {
                    most = Math.max(most, (int) buckets
                            .filter(p -> bucket.matcher(p.getFileName().toString()).matches()).count());
                }
            }
            return most == 0 ? NEW_BUCKETS : most;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the broker's stores in " + root, e);
        }
    }
}
