package org.shouhu.geofence.internal;

import java.util.List;

/**
 * Packs the cells of many {@link CompiledZone}s into one table for fast lookup: for the finer levels, blocks of cells
 * laid out densely ({@link CellBlocks}), for the coarser ones a hash from cell key, each giving the cell's contiguous
 * run of entries; per entry two longs, the zone number with the mark, and the entry's edges. Edges are
 * given by vertex numbers in one shared array of interleaved longitudes and latitudes; the edges of most entries are
 * consecutive edges of one ring, given as their first vertex and their count, and only the others go through a list
 * of vertex numbers. What one lookup reads lies together (key beside run, zone and mark beside edges, an edge's
 * vertices side by side), so it costs few cache misses. Stateless.
 */
final class CellTableBuilder {

    /** Flag of an entry's edge word: the edges are listed in {@code edgeVertex} rather than consecutive. */
    static final long LISTED = 0x8000_0000L;

    /**
     * The packed table. The cell with key k holds entries {@code run >>> 32} (inclusive) to {@code (int) run}
     * (exclusive), where run is {@code blocks.run(k, level)} for the levels the blocks hold and {@code cells.get(k)}
     * for the others (which {@code filter} says are certainly absent for most positions). Entry e is
     * {@code entries[2e]} (zone {@link #zoneOf}, mark {@link #markOf}) and {@code entries[2e+1]} (its edges:
     * {@link #edgeCount} of them, from vertex {@link #edgeStart} on, or, when {@link #isListed}, from vertices
     * {@code edgeVertex[edgeStart + j]}). An edge from vertex v runs to v + 1; vertex v lies at
     * ({@code vertexXY[2v]}, {@code vertexXY[2v+1]}).
     * {@code nearEdges[e]}, encoded the same way (listed ones in {@code nearVertex}), gives every edge of the zone
     * within {@link GridSettings#nearMetres()} of the entry's cell (see {@link CompiledZone#edgesNear}), so the
     * distance of an accuracy circle of up to that radius to the boundary is decided from them alone.
     */
    record Table(CellBlocks blocks, LongLongHashMap cells, CellFilter filter, long[] entries, int[] edgeVertex,
                 double[] vertexXY, long[] nearEdges, int[] nearVertex) {
    }

    static long entry(int zone, float mark) {
        return ((long) zone << 32) | (Float.floatToRawIntBits(mark) & 0xFFFF_FFFFL);
    }

    static int zoneOf(long entry) {
        return (int) (entry >>> 32);
    }

    static float markOf(long entry) {
        return Float.intBitsToFloat((int) entry);
    }

    static int edgeStart(long edges) {
        return (int) (edges >>> 32);
    }

    static int edgeCount(long edges) {
        return (int) (edges & 0x7FFF_FFFFL);
    }

    static boolean isListed(long edges) {
        return (edges & LISTED) != 0;
    }

    private CellTableBuilder() {
    }

    static Table build(List<CompiledZone> zones, Grid grid, GridSettings settings) {
        int entries = 0;
        int edges = 0;
        int vertices = 0;
        for (CompiledZone z : zones) {
            entries += z.cellCount();
            edges += z.edges.length;
            vertices += z.metrics.vertexCount();
        }
        // the shared vertex arrays, and where each zone's vertices start in them
        double[] vertexXY = new double[2 * vertices];
        int[] vertexBase = new int[zones.size()];
        int at = 0;
        for (int z = 0; z < zones.size(); z++) {
            ZoneMetrics m = zones.get(z).metrics;
            vertexBase[z] = at;
            for (int i = 0; i < m.vertexCount(); i++, at++) {
                vertexXY[2 * at] = m.lon(i);
                vertexXY[2 * at + 1] = m.lat(i);
            }
        }
        // number the distinct cells and count their entries: the cells of the finer levels by their slot in the
        // blocks, so that their runs lie in slot order, the others after them in the order first seen
        long[][] keysPerZone = new long[zones.size()][];
        for (int z = 0; z < zones.size(); z++) {
            keysPerZone[z] = zones.get(z).keys;
        }
        CellBlocks.Layout layout = new CellBlocks.Layout(keysPerZone);
        int slots = layout.slotCount();
        LongLongHashMap cells = new LongLongHashMap(16);
        for (long[] keys : keysPerZone) {
            for (long key : keys) {
                if (!CellBlocks.holds(Grid.levelOf(key))) {
                    cells.putIfAbsent(key, cells.size());
                }
            }
        }
        int cellCount = slots + cells.size();
        int[] counts = new int[cellCount];
        int[] cellOfEntry = new int[entries];
        int next = 0;
        for (long[] keys : keysPerZone) {
            for (long key : keys) {
                int cell = CellBlocks.holds(Grid.levelOf(key)) ? layout.slotOf(key) : slots + (int) cells.get(key);
                cellOfEntry[next++] = cell;
                counts[cell]++;
            }
        }
        int[] cellStart = new int[cellCount + 1];
        for (int c = 0; c < cellCount; c++) {
            cellStart[c + 1] = cellStart[c] + counts[c];
        }
        // place each entry in its cell's run; remember where it came from to copy its edges after
        int[] fill = java.util.Arrays.copyOf(cellStart, cellCount);
        long[] entryOf = new long[entries];
        int[] sourceCell = new int[entries];
        int[] slotOf = cellOfEntry; // reused: cellOfEntry[i] is read just before slotOf[i] is written
        next = 0;
        for (int z = 0; z < zones.size(); z++) {
            CompiledZone zone = zones.get(z);
            for (int k = 0; k < zone.cellCount(); k++) {
                int slot = fill[cellOfEntry[next]]++;
                slotOf[next++] = slot;
                entryOf[slot] = entry(z, zone.marks[k]);
                sourceCell[slot] = k;
            }
        }
        long[] packed = new long[2 * entries];
        int[] edgeVertex = new int[edges];
        int listed = 0;
        for (int e = 0; e < entries; e++) {
            CompiledZone zone = zones.get(zoneOf(entryOf[e]));
            int base = vertexBase[zoneOf(entryOf[e])];
            int from = zone.edgeStart[sourceCell[e]];
            int count = zone.edgeStart[sourceCell[e] + 1] - from;
            packed[2 * e] = entryOf[e];
            if (isRun(zone.edges, from, count)) {
                packed[2 * e + 1] = ((long) (count == 0 ? 0 : base + zone.edges[from]) << 32) | count;
            } else {
                packed[2 * e + 1] = ((long) listed << 32) | count | LISTED;
                for (int k = from; k < from + count; k++) {
                    edgeVertex[listed++] = base + zone.edges[k];
                }
            }
        }
        // the edges near each entry's cell, zone by zone (computed now, not kept per zone)
        long[] nearEdges = new long[entries];
        int[] nearVertex = new int[Math.max(16, edges)];
        int nearListed = 0;
        next = 0;
        for (int z = 0; z < zones.size(); z++) {
            int[][] near = zones.get(z).edgesNear(grid, settings);
            for (int[] list : near) {
                int slot = slotOf[next++];
                int count = list == null ? 0 : list[0];
                if (isRun(list, 1, count)) {
                    nearEdges[slot] = ((long) (count == 0 ? 0 : vertexBase[z] + list[1]) << 32) | count;
                } else {
                    if (nearListed + count > nearVertex.length) {
                        nearVertex = java.util.Arrays.copyOf(nearVertex, Math.max(2 * nearVertex.length,
                                nearListed + count));
                    }
                    nearEdges[slot] = ((long) nearListed << 32) | count | LISTED;
                    for (int k = 1; k <= count; k++) {
                        nearVertex[nearListed++] = vertexBase[z] + list[k];
                    }
                }
            }
        }
        cells.transformValues(cell -> ((long) cellStart[slots + (int) cell] << 32)
                | cellStart[slots + (int) cell + 1]);
        CellBlocks blocks = layout.blocks(java.util.Arrays.copyOf(cellStart, slots + 1));
        return new Table(blocks, cells, new CellFilter(keysPerZone), packed,
                java.util.Arrays.copyOf(edgeVertex, listed), vertexXY, nearEdges,
                java.util.Arrays.copyOf(nearVertex, nearListed));
    }

    /** Whether edges[from..from+count) are consecutive edges (vertex numbers one apart). */
    private static boolean isRun(int[] edges, int from, int count) {
        for (int k = from + 1; k < from + count; k++) {
            if (edges[k] != edges[k - 1] + 1) {
                return false;
            }
        }
        return true;
    }
}
