package org.shouhu.geofence.internal;

/**
 * Where the runs of entries of the cells of the finer grid levels (0 to {@link #LEVEL}) start, laid out densely by
 * block: a block is one cell of level {@link #LEVEL} (640 m with 40 m cells), and holds one slot for itself, one for
 * each of the 16 cells of the level below inside it and, when it has any, one for each of its 256 level-0 cells. The
 * entries of a block's cells follow one another in the table in the order of its slots, so the run of a slot ends
 * where the next slot's starts. A query finds its block in a small hash (a few MB for a prefecture, so it is mostly
 * in cache) and reads its cell's start and end side by side, instead of probing a large hash of cells at every level;
 * the cells a position has at the three levels lie in one block, and their entries in one stretch of the table.
 * Cells of coarser levels are not held here. Immutable once built; thread-safe.
 */
final class CellBlocks {

    /** The level whose cells are the blocks; the levels up to it are held here. */
    static final int LEVEL = 2;
    /** Slots of a block with level-0 cells: itself, 16 cells of level 1, 256 of level 0. */
    private static final int FULL_SLOTS = 1 + 16 + 256;
    /** Slots of a block without level-0 cells. */
    private static final int COARSE_SLOTS = 1 + 16;
    /** Where the slots of each level start within a block. */
    private static final int[] LEVEL_OFFSET = {COARSE_SLOTS, 1, 0};
    /** Most slots the blocks may have, so that a block's first slot fits the directory's 31 bits beside its flag. */
    private static final long MAX_SLOTS = (1 << 30) - 1;
    /** Flag of a block's value: it holds slots for level-0 cells. */
    private static final long HAS_LEVEL_0 = 1L << 32;

    /** Most blocks a dense directory may have beyond 8 per block that exists (16 MB of directory). */
    private static final long DIRECTORY_ALLOWANCE = 1 << 22;

    /** Block key to the block's first slot in {@link #starts}, with {@link #HAS_LEVEL_0}. */
    private final LongLongHashMap blocks;
    /**
     * The same, as a dense array over the blocks' bounding box ({@code (first slot << 1) | has level 0}, -1 for no
     * block), when that box is not much larger than the blocks themselves (a prefecture: 300 x 300 blocks, 400 KB, so
     * it stays in a core's cache); null otherwise (zones spread over a continent), and the hash is used.
     */
    private final int[] directory;
    private final int directoryColumn;
    private final int directoryRow;
    private final int directoryColumns;
    private final int directoryRows;
    /** Per slot, the first entry of its cell's run; the run ends at the next slot's start. One more at the end. */
    private final int[] starts;

    private CellBlocks(LongLongHashMap blocks, int[] starts) {
        this.blocks = blocks;
        this.starts = starts;
        long[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
        blocks.forEach((key, value) -> {
            box[0] = Math.min(box[0], Grid.columnOf(key));
            box[1] = Math.min(box[1], Grid.rowOf(key));
            box[2] = Math.max(box[2], Grid.columnOf(key));
            box[3] = Math.max(box[3], Grid.rowOf(key));
        });
        long columns = Math.max(0, box[2] - box[0] + 1);
        long rows = Math.max(0, box[3] - box[1] + 1);
        if (columns * rows <= 8L * blocks.size() + DIRECTORY_ALLOWANCE) {
            directoryColumn = (int) box[0];
            directoryRow = (int) box[1];
            directoryColumns = (int) columns;
            directoryRows = (int) rows;
            directory = new int[(int) (columns * rows)];
            java.util.Arrays.fill(directory, -1);
            blocks.forEach((key, value) -> directory[(Grid.rowOf(key) - directoryRow) * directoryColumns
                    + Grid.columnOf(key) - directoryColumn] = (int) (value << 1) | (int) (value >>> 32));
        } else {
            directory = null;
            directoryColumn = 0;
            directoryRow = 0;
            directoryColumns = 0;
            directoryRows = 0;
        }
    }

    /** Whether cells of this level are held in blocks (rather than in a hash of cells). */
    static boolean holds(int level) {
        return level <= LEVEL;
    }

    /**
     * The run of entries of the cell with this key (of a level {@link #holds} accepts), {@code start << 32 | end},
     * or {@link LongLongHashMap#MISSING} when the cell has none.
     */
    long run(long key, int level) {
        int column = Grid.columnOf(key);
        int row = Grid.rowOf(key);
        int shift = 2 * (LEVEL - level);
        long block = block(column >>> shift, row >>> shift);
        if (block == LongLongHashMap.MISSING || (level == 0 && (block & HAS_LEVEL_0) == 0)) {
            return LongLongHashMap.MISSING;
        }
        int mask = (1 << shift) - 1;
        int slot = (int) block + LEVEL_OFFSET[level] + ((row & mask) << shift) + (column & mask);
        int start = starts[slot];
        int end = starts[slot + 1];
        return start == end ? LongLongHashMap.MISSING : ((long) start << 32) | end;
    }

    /** The block's first slot with {@link #HAS_LEVEL_0}, or {@link LongLongHashMap#MISSING}. */
    private long block(int column, int row) {
        if (directory == null) {
            return blocks.get(Grid.key(LEVEL, column, row));
        }
        int c = column - directoryColumn;
        int r = row - directoryRow;
        if (c < 0 || r < 0 || c >= directoryColumns || r >= directoryRows) {
            return LongLongHashMap.MISSING;
        }
        int value = directory[r * directoryColumns + c];
        return value < 0 ? LongLongHashMap.MISSING : (value >>> 1) | ((long) (value & 1) << 32);
    }

    /** Bytes of the block hash, the directory and the slots; for sizing reports. */
    long bytes() {
        return blocks.bytes() + (directory == null ? 0 : 4L * directory.length) + 4L * starts.length;
    }

    /**
     * Lays out the blocks of the given cells (any order, repeats allowed, only of levels {@link #holds} accepts) and
     * numbers each cell's slot, so that a table can place each cell's entries at its slot.
     */
    static final class Layout {

        private final LongLongHashMap blocks;
        private final int slotCount;

        Layout(long[][] keysPerZone) {
            blocks = new LongLongHashMap(1024);
            for (long[] keys : keysPerZone) {
                for (long key : keys) {
                    int level = Grid.levelOf(key);
                    if (holds(level)) {
                        int shift = 2 * (LEVEL - level);
                        long blockKey = Grid.key(LEVEL, Grid.columnOf(key) >>> shift, Grid.rowOf(key) >>> shift);
                        long flags = blocks.putIfAbsent(blockKey, 0);
                        if (level == 0 && flags == 0) {
                            blocks.put(blockKey, HAS_LEVEL_0);
                        }
                    }
                }
            }
            long[] next = {0};
            blocks.transformValues(flags -> {
                long value = next[0] | flags;
                next[0] += flags == HAS_LEVEL_0 ? FULL_SLOTS : COARSE_SLOTS;
                return value;
            });
            if (next[0] > MAX_SLOTS) {
                throw new IllegalArgumentException("the zones cover " + blocks.size() + " blocks of "
                        + "cells, more than the index holds (about 3.9 million blocks with level-0 cells)");
            }
            slotCount = (int) next[0];
        }

        /** How many slots the blocks have. */
        int slotCount() {
            return slotCount;
        }

        /** The slot of the cell with this key (of a level {@link #holds} accepts). */
        int slotOf(long key) {
            int level = Grid.levelOf(key);
            int column = Grid.columnOf(key);
            int row = Grid.rowOf(key);
            int shift = 2 * (LEVEL - level);
            long block = blocks.get(Grid.key(LEVEL, column >>> shift, row >>> shift));
            int mask = (1 << shift) - 1;
            return (int) block + LEVEL_OFFSET[level] + ((row & mask) << shift) + (column & mask);
        }

        /**
         * The blocks, given where each slot's run starts ({@code slotCount() + 1} values, the last being the end of
         * the last run).
         */
        CellBlocks blocks(int[] starts) {
            return new CellBlocks(blocks, starts);
        }
    }
}
