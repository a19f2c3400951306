package org.shouhu.benchmarks.ingest;

import java.util.function.LongSupplier;

/** Waits for a counter to reach a target, giving up when it stops moving. */
final class Progress {

    private static final long STALL_NANOS = 15_000_000_000L;

    private Progress() {
    }

    /** @return whether the target was reached (false: the counter stood still for 15 s) */
    static boolean await(LongSupplier counter, long target, String what) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long now = counter.getAsLong();
            if (now >= target) {
                return true;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL_NANOS) {
                System.err.printf("%s: stalled at %d of %d%n", what, now, target);
                return false;
            }
            Thread.sleep(2);
        }
    }
}
