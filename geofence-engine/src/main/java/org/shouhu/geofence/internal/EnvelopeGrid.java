package org.shouhu.geofence.internal;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.locationtech.jts.geom.Envelope;

/**
 * The coarse filter for questions that reach beyond one fix's cell: wide accuracy circles and the straight path
 * between two fixes. Items (zone numbers) are registered by their envelope in the cells of the {@link Grid}, each at
 * the finest level of at least {@link #MIN_LEVEL} where the envelope spans at most {@link #MAX_CELLS_ACROSS} cells, so
 * an item has at most 25 entries and a query of a few kilometres reads a few dozen cells at most. A query visits
 * each item whose envelope meets the query box exactly once, without a visited set: an item is reported only from
 * the first cell (lowest column and row) that both its envelope and the query cover.
 *
 * <p>It replaces JTS R-trees on the evaluation path: a lookup is a hash probe per cell and a run of an int array,
 * with no node objects, no boxed items and no allocation. Immutable and thread-safe once constructed.
 */
final class EnvelopeGrid {

    /** Cells of 640 m: a 100 m accuracy circle reads one to four cells per level. */
    static final int MIN_LEVEL = 2;
    static final int MAX_CELLS_ACROSS = 4;

    private final Grid grid;
    private final int[] levelsInUse;
    private final LongLongHashMap cells;
    private final int[] cellStart;
    private final int[] cellItem;
    private final int[] itemLevel;
    /** Item i's envelope at 4i (min x), 4i + 1 (min y), 4i + 2 (max x), 4i + 3 (max y): one cache line to test it. */
    private final double[] bounds;

    /**
     * @param envelopes the envelope of each item, by item number; null for an item not to register
     */
    EnvelopeGrid(Grid grid, Envelope[] envelopes) {
        this.grid = grid;
        int n = envelopes.length;
        this.itemLevel = new int[n];
        this.bounds = new double[4 * n];
        boolean[] used = new boolean[Grid.MAX_LEVEL + 1];
        int entries = 0;
        for (int i = 0; i < n; i++) {
            Envelope e = envelopes[i];
            if (e == null || e.isNull()) {
                itemLevel[i] = -1;
                continue;
            }
            bounds[4 * i] = e.getMinX();
            bounds[4 * i + 1] = e.getMinY();
            bounds[4 * i + 2] = e.getMaxX();
            bounds[4 * i + 3] = e.getMaxY();
            int level = MIN_LEVEL;
            while (level < Grid.MAX_LEVEL && (e.getWidth() / grid.cellDegrees(level) > MAX_CELLS_ACROSS
                    || e.getHeight() / grid.cellDegrees(level) > MAX_CELLS_ACROSS)) {
                level++;
            }
            itemLevel[i] = level;
            used[level] = true;
            entries += cellsOf(i, level);
        }
        this.levelsInUse = levels(used);
        this.cells = new LongLongHashMap(Math.max(16, entries));
        int[] counts = new int[entries + 1];
        long[] entryKey = new long[entries];
        int[] entryItem = new int[entries];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int level = itemLevel[i];
            if (level < 0) {
                continue;
            }
            for (int r = grid.row(level, bounds[4 * i + 1]), r1 = grid.row(level, bounds[4 * i + 3]); r <= r1; r++) {
                for (int c = grid.column(level, bounds[4 * i]), c1 = grid.column(level, bounds[4 * i + 2]); c <= c1;
                     c++) {
                    long key = Grid.key(level, c, r);
                    counts[(int) cells.putIfAbsent(key, cells.size())]++;
                    entryKey[next] = key;
                    entryItem[next++] = i;
                }
            }
        }
        int cellCount = cells.size();
        this.cellStart = new int[cellCount + 1];
        for (int c = 0; c < cellCount; c++) {
            cellStart[c + 1] = cellStart[c] + counts[c];
        }
        int[] fill = Arrays.copyOf(cellStart, cellCount);
        this.cellItem = new int[entries];
        for (int k = 0; k < entries; k++) {
            cellItem[fill[(int) cells.get(entryKey[k])]++] = entryItem[k];
        }
    }

    private int cellsOf(int i, int level) {
        return (grid.column(level, bounds[4 * i + 2]) - grid.column(level, bounds[4 * i]) + 1)
                * (grid.row(level, bounds[4 * i + 3]) - grid.row(level, bounds[4 * i + 1]) + 1);
    }

    private static int[] levels(boolean[] used) {
        int[] out = new int[used.length];
        int count = 0;
        for (int level = 0; level < used.length; level++) {
            if (used[level]) {
                out[count++] = level;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Calls {@code action} once for each item whose envelope meets the box (degrees, closed), in no order. */
    void forEachMeeting(double qMinX, double qMinY, double qMaxX, double qMaxY, IntConsumer action) {
        forEachMeeting(qMinX, qMinY, qMaxX, qMaxY, false, 0, 0, 0, 0, action);
    }

    /**
     * Calls {@code action} once for each item whose envelope the segment from (x1, y1) to (x2, y2) may meet, in no
     * order: of the items whose envelope meets the segment's box, those whose envelope does not lie wholly on one
     * side of the segment's line. The side is decided with a margin far above the rounding of its arithmetic, so an
     * envelope the segment touches is never left out; one it passes within that margin of may be reported.
     */
    void forEachMeetingSegment(double x1, double y1, double x2, double y2, IntConsumer action) {
        forEachMeeting(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2), true, x1, y1, x2, y2,
                action);
    }

    private void forEachMeeting(double qMinX, double qMinY, double qMaxX, double qMaxY, boolean segment, double x1,
                                double y1, double x2, double y2, IntConsumer action) {
        for (int level : levelsInUse) {
            int c0 = Math.max(0, grid.column(level, qMinX));
            int c1 = grid.column(level, qMaxX);
            int r0 = Math.max(0, grid.row(level, qMinY));
            int r1 = grid.row(level, qMaxY);
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    int cell = (int) cells.get(Grid.key(level, c, r));
                    if (cell == LongLongHashMap.MISSING) {
                        continue;
                    }
                    for (int k = cellStart[cell], end = cellStart[cell + 1]; k < end; k++) {
                        int i = cellItem[k];
                        double minX = bounds[4 * i];
                        double minY = bounds[4 * i + 1];
                        if (bounds[4 * i + 2] < qMinX || minX > qMaxX || bounds[4 * i + 3] < qMinY || minY > qMaxY) {
                            continue;
                        }
                        // report from the first cell both cover, so an item spanning several cells comes once
                        if (c == Math.max(c0, grid.column(level, minX)) && r == Math.max(r0, grid.row(level, minY))
                                && (!segment || !besideLine(x1, y1, x2, y2, i))) {
                            action.accept(i);
                        }
                    }
                }
            }
        }
    }

    /** Whether item i's envelope lies wholly on one side of the line through (x1, y1) and (x2, y2), by a margin. */
    private boolean besideLine(double x1, double y1, double x2, double y2, int i) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        int left = 0;
        int right = 0;
        for (int corner = 0; corner < 4; corner++) {
            double cx = bounds[4 * i + ((corner & 1) == 0 ? 0 : 2)] - x1;
            double cy = bounds[4 * i + ((corner & 2) == 0 ? 1 : 3)] - y1;
            double a = dx * cy;
            double b = dy * cx;
            // the rounding of a - b, of its products and differences is below 1e-15 of |a| + |b|
            double margin = 1e-12 * (Math.abs(a) + Math.abs(b));
            double side = a - b;
            if (side > margin) {
                left++;
            } else if (side < -margin) {
                right++;
            } else {
                return false;
            }
        }
        return left == 4 || right == 4;
    }

    /** How many (cell, item) entries the grid holds; for sizing reports. */
    int entries() {
        return cellItem.length;
    }
}
