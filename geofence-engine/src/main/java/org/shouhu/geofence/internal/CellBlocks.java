package org.shouhu.geofence.internal;

/**
 * Where the runs of entries of the cells of the finer grid levels (0 to {@link #LEVEL}) start, laid out densely by
 * block: a block is one cell of level {@link #LEVEL} (640 m with 40 m cells), and holds one slot for itself, one for
 * each of the 16 cells of level 1 inside it and, when it has any, one for each of its 256 level-0 cells. The entries
 * of a block's cells follow one another in the table in the order of its slots, so the run of a slot ends where the
 * next slot's starts. A query finds its block in a directory that stays in cache and reads its cell's start and end
 * side by side, instead of probing a large hash of cells at every level; the block's value in the directory also
 * says which of its level-1 cells and whether itself have entries, so a position with none there reads nothing more
 * for those levels. The cells a position has at the three levels lie in one block, and their entries in one stretch
 * of the table. Cells of coarser levels are not held here. Immutable once built; thread-safe.
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
    /** Most slots the blocks may have: a block's first slot is the low 31 bits of its value. */
    private static final long MAX_SLOTS = Integer.MAX_VALUE - 1;
    /** Bit of a block's value: it holds slots for level-0 cells. */
    private static final long HAS_LEVEL_0 = 1L << 31;
    /** Bits 32 to 47 of a block's value: which of its 16 level-1 cells have entries. */
    private static final int LEVEL_1_SHIFT = 32;
    /** Bit of a block's value: the block's own cell (level 2) has entries. */
    private static final long HAS_LEVEL_2 = 1L << 48;
    /** Most blocks a dense directory may have beyond 8 per block that exists (16 MB of directory). */
    private static final long DIRECTORY_ALLOWANCE = 1 << 21;

    /** Block key to the block's value (its first slot in {@link #starts}, with the bits above); null if directory. */
    private final LongLongHashMap blocks;
    /**
     * The same values as a dense array over the blocks' bounding box (-1 for no block), when that box is not much
     * larger than the blocks themselves (a prefecture: 300 x 300 blocks, 800 KB, so it stays in cache); null
     * otherwise (zones spread thinly over a continent), and the hash is used.
     */
    private final long[] directory;
    private final int directoryColumn;
    private final int directoryRow;
    private final int directoryColumns;
    private final int directoryRows;
    /** Per slot, the first entry of its cell's run; the run ends at the next slot's start. One more at the end. */
    private final int[] starts;

    private CellBlocks(LongLongHashMap blocks, int[] starts) {
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
            directory = new long[(int) (columns * rows)];
            java.util.Arrays.fill(directory, LongLongHashMap.MISSING);
            blocks.forEach((key, value) -> directory[(Grid.rowOf(key) - directoryRow) * directoryColumns
                    + Grid.columnOf(key) - directoryColumn] = value);
            this.blocks = null; // the directory answers alone (the hash of a prefecture's blocks is 4 MB)
        } else {
            this.blocks = blocks;
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
        if (block == LongLongHashMap.MISSING) {
            return LongLongHashMap.MISSING;
        }
        int mask = (1 << shift) - 1;
        int cell = ((row & mask) << shift) + (column & mask);
        boolean occupied = level == 0 ? (block & HAS_LEVEL_0) != 0
                : level == 1 ? (block & (1L << (LEVEL_1_SHIFT + cell))) != 0
                : (block & HAS_LEVEL_2) != 0;
        if (!occupied) {
            return LongLongHashMap.MISSING;
        }
        int slot = (int) (block & Integer.MAX_VALUE) + LEVEL_OFFSET[level] + cell;
        int start = starts[slot];
        int end = starts[slot + 1];
        return start == end ? LongLongHashMap.MISSING : ((long) start << 32) | end;
    }

    /** The value of the block at this column and row of level {@link #LEVEL}, or {@link LongLongHashMap#MISSING}. */
    private long block(int column, int row) {
        if (directory == null) {
            return blocks.get(Grid.key(LEVEL, column, row));
        }
        int c = column - directoryColumn;
        int r = row - directoryRow;
        if (c < 0 || r < 0 || c >= directoryColumns || r >= directoryRows) {
            return LongLongHashMap.MISSING;
        }
        return directory[r * directoryColumns + c];
    }

    /** Whether blocks are found through the dense directory rather than the hash of blocks. */
    boolean hasDirectory() {
        return directory != null;
    }

    /** Bytes of the block hash, the directory and the slots; for sizing reports. */
    long bytes() {
        return (blocks == null ? 0 : blocks.bytes()) + (directory == null ? 0 : 8L * directory.length)
                + 4L * starts.length;
    }

    /** The key of the block holding the cell with this key. */
    private static long blockKey(long key) {
        int shift = 2 * (LEVEL - Grid.levelOf(key));
        return Grid.key(LEVEL, Grid.columnOf(key) >>> shift, Grid.rowOf(key) >>> shift);
    }

    /** The cell's place, row by row, among the cells of its level in its block. */
    private static int cellInBlock(long key) {
        int shift = 2 * (LEVEL - Grid.levelOf(key));
        int mask = (1 << shift) - 1;
        return ((Grid.rowOf(key) & mask) << shift) + (Grid.columnOf(key) & mask);
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
                        long blockKey = blockKey(key);
                        long bits = level == 0 ? HAS_LEVEL_0
                                : level == 1 ? 1L << (LEVEL_1_SHIFT + cellInBlock(key)) : HAS_LEVEL_2;
                        long value = blocks.putIfAbsent(blockKey, bits);
                        if ((value & bits) == 0) {
                            blocks.put(blockKey, value | bits);
                        }
                    }
                }
            }
            long[] next = {0};
            blocks.transformValues(bits -> {
                long value = next[0] | bits;
                next[0] += (bits & HAS_LEVEL_0) != 0 ? FULL_SLOTS : COARSE_SLOTS;
                return value;
            });
            if (next[0] > MAX_SLOTS) {
                throw new IllegalArgumentException("the zones cover " + blocks.size() + " blocks of "
                        + "cells, more than the index holds (about 7.8 million blocks with level-0 cells)");
            }
            slotCount = (int) next[0];
        }

        /** How many slots the blocks have. */
        int slotCount() {
            return slotCount;
        }

        /** The slot of the cell with this key (of a level {@link #holds} accepts). */
        int slotOf(long key) {
            long block = blocks.get(blockKey(key));
            return (int) (block & Integer.MAX_VALUE) + LEVEL_OFFSET[Grid.levelOf(key)] + cellInBlock(key);
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
