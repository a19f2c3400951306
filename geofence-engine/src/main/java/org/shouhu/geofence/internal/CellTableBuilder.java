package org.shouhu.geofence.internal;

import java.util.Arrays;

/**
 * Collects (cell key, zone, margin) entries in any order and packs them into a compressed table: a hash from cell
 * key to a cell number, and per cell a contiguous run of zone numbers and margins. Single-use, not thread-safe.
 */
final class CellTableBuilder {

    record Table(LongIntHashMap cells, int[] cellStart, int[] entryZone, float[] entryMargin) {
    }

    private long[] keys;
    private int[] zones;
    private float[] margins;
    private int size;

    CellTableBuilder(int expected) {
        int capacity = Math.max(16, expected);
        keys = new long[capacity];
        zones = new int[capacity];
        margins = new float[capacity];
    }

    void add(long key, int zone, float margin) {
        if (size == keys.length) {
            int capacity = keys.length + (keys.length >> 1);
            keys = Arrays.copyOf(keys, capacity);
            zones = Arrays.copyOf(zones, capacity);
            margins = Arrays.copyOf(margins, capacity);
        }
        keys[size] = key;
        zones[size] = zone;
        margins[size] = margin;
        size++;
    }

    Table build() {
        // first pass: number the distinct cells and count their entries
        LongIntHashMap cells = new LongIntHashMap(size);
        int[] cellOfEntry = new int[size];
        int[] counts = new int[Math.max(1, size) + 1];
        for (int i = 0; i < size; i++) {
            int cell = cells.putIfAbsent(keys[i], cells.size());
            cellOfEntry[i] = cell;
            counts[cell]++;
        }
        int cellCount = cells.size();
        int[] cellStart = new int[cellCount + 1];
        for (int c = 0; c < cellCount; c++) {
            cellStart[c + 1] = cellStart[c] + counts[c];
        }
        // second pass: scatter the entries into their cell's run
        int[] fill = Arrays.copyOf(cellStart, cellCount);
        int[] entryZone = new int[size];
        float[] entryMargin = new float[size];
        for (int i = 0; i < size; i++) {
            int at = fill[cellOfEntry[i]]++;
            entryZone[at] = zones[i];
            entryMargin[at] = margins[i];
        }
        keys = null;
        zones = null;
        margins = null;
        return new Table(cells, cellStart, entryZone, entryMargin);
    }
}
