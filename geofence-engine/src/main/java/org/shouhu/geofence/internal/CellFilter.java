package org.shouhu.geofence.internal;

/**
 * Says, for the levels whose cells are hashed (those above {@link CellBlocks#LEVEL}), that a cell is certainly absent
 * from the cell table, so a query skips that level's probe of the table (a cache miss) for most positions that have
 * no cell there. One bit per hashed cell key and level, about 8 bits per cell and at most 512 KB a level, so the
 * filter stays in a core's cache; a set bit may be another cell's (then the table is probed as before), a clear bit
 * never is. Immutable once built; thread-safe.
 */
final class CellFilter {

    private static final int MAX_BITS_LOG2 = 22;

    private final long[][] bits = new long[Grid.MAX_LEVEL + 1][];
    private final int[] shift = new int[Grid.MAX_LEVEL + 1];

    /** @param keysPerZone the keys of every cell of the table, per zone (any order, repeats allowed) */
    CellFilter(long[][] keysPerZone) {
        int[] counts = new int[Grid.MAX_LEVEL + 1];
        for (long[] keys : keysPerZone) {
            for (long key : keys) {
                counts[Grid.levelOf(key)]++;
            }
        }
        for (int level = CellBlocks.LEVEL + 1; level <= Grid.MAX_LEVEL; level++) {
            if (counts[level] == 0) {
                continue;
            }
            int log2 = Math.min(MAX_BITS_LOG2, Math.max(6, 64 - Long.numberOfLeadingZeros(8L * counts[level])));
            bits[level] = new long[1 << (log2 - 6)];
            shift[level] = 64 - log2;
        }
        for (long[] keys : keysPerZone) {
            for (long key : keys) {
                int level = Grid.levelOf(key);
                if (bits[level] != null) {
                    int bit = bit(key, level);
                    bits[level][bit >>> 6] |= 1L << bit;
                }
            }
        }
    }

    /** False when the table certainly holds no cell with this key (of a level above the blocks'); true otherwise. */
    boolean mayHold(long key, int level) {
        long[] levelBits = bits[level];
        if (levelBits == null) {
            return false; // no cell of this level at all
        }
        int bit = bit(key, level);
        return (levelBits[bit >>> 6] & (1L << bit)) != 0;
    }

    private int bit(long key, int level) {
        return (int) ((key * 0xC2B2AE3D27D4EB4FL) >>> shift[level]);
    }
}
