package org.shouhu.sim.internal;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from a run seed and a few keys (device index, day, report
 * time), so that what one device does never depends on how many other devices exist or in which order they were
 * stepped. Stateless and thread-safe.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A random stream determined only by {@code seed} and {@code keys}. */
    public static SplittableRandom stream(long seed, long... keys) {
        return new SplittableRandom(mix(seed, keys));
    }

    /** Mixes a seed with keys into a well-distributed 64-bit value (SplitMix64 finaliser per step). */
    public static long mix(long seed, long... keys) {
        long h = scramble(seed ^ 0x5DEECE66DL);
        for (long key : keys) {
            h = scramble(h ^ scramble(key + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** A standard normal deviate from the stream (Box-Muller; only one of the pair is used, for simplicity). */
    public static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
