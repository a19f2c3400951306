package org.shouhu.benchmarks;

import java.util.List;
import org.shouhu.geofence.GeofenceEvent;

/**
 * Evaluates a fixed number of fixes of the {@link EvaluationWorkload} and prints how many events they raised and a
 * digest of them, so that two versions of the engine can be shown to decide alike on the benchmark's workload: the
 * same counts and digests, or not. The digest sums a hash of each event's text and the number of its fix, so it does
 * not depend on the order of the events of one fix.
 *
 * <p>Run: {@code java -Xmx6g -cp benchmarks/target-geo/benchmarks.jar org.shouhu.benchmarks.EvaluationDigest
 * [fixes]} (default 3,200,000: each of the 100,000 devices' 16 positions twice).
 */
public final class EvaluationDigest {

    private EvaluationDigest() {
    }

    public static void main(String[] args) {
        int fixes = args.length > 0 ? Integer.parseInt(args[0]) : 2 * 100_000 * EvaluationWorkload.FIXES_PER_DEVICE;
        EvaluationWorkload workload = new EvaluationWorkload(100_000, 100_000);
        long events = 0;
        long digest = 0;
        for (int i = 0; i < fixes; i++) {
            List<GeofenceEvent> raised = workload.next();
            for (GeofenceEvent event : raised) {
                digest += event.toString().hashCode() * 0x9E3779B97F4A7C15L + i;
                events++;
            }
        }
        System.out.printf("fixes=%d events=%d digest=%d%n", fixes, events, digest);
    }
}
