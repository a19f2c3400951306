package org.shouhu.geofence.internal;

import java.util.List;

/**
 * Packs the cells of many {@link CompiledZone}s into one table for fast lookup: a hash from cell key to the cell's
 * contiguous run of entries (zone number and mark in one long); per entry a contiguous run of edges, given as the
 * number of the edge's first vertex in one shared array of interleaved longitudes and latitudes. What one lookup
 * reads lies together (key beside run, zone beside mark, an edge's two vertices side by side), so it costs few cache
 * misses. Stateless.
 */
final class CellTableBuilder {

    /**
     * The packed table. The cell with key k holds entries {@code run >>> 32} (inclusive) to {@code (int) run}
     * (exclusive), where run is {@code cells.get(k)}; entry e is zone {@link #zoneOf} with {@link #markOf}, and holds
     * edges {@code entryEdgeStart[e]..entryEdgeStart[e+1]} of {@code edgeVertex}; edge k runs from vertex
     * v = {@code edgeVertex[k]} to v + 1, vertex v lying at ({@code vertexXY[2v]}, {@code vertexXY[2v+1]}).
     */
    record Table(LongLongHashMap cells, long[] entries, int[] entryEdgeStart, int[] edgeVertex, double[] vertexXY) {
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

    private CellTableBuilder() {
    }

    static Table build(List<CompiledZone> zones) {
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
        // number the distinct cells and count their entries
        LongLongHashMap cells = new LongLongHashMap(Math.max(16, entries / 4));
        int[] counts = new int[entries + 1];
        int[] cellOfEntry = new int[entries];
        int next = 0;
        for (CompiledZone z : zones) {
            for (long key : z.keys) {
                int cell = (int) cells.putIfAbsent(key, cells.size());
                cellOfEntry[next++] = cell;
                counts[cell]++;
            }
        }
        int cellCount = cells.size();
        int[] cellStart = new int[cellCount + 1];
        for (int c = 0; c < cellCount; c++) {
            cellStart[c + 1] = cellStart[c] + counts[c];
        }
        // place each entry in its cell's run; remember where it came from to copy its edges after
        int[] fill = java.util.Arrays.copyOf(cellStart, cellCount);
        long[] entryOf = new long[entries];
        int[] sourceCell = new int[entries];
        next = 0;
        for (int z = 0; z < zones.size(); z++) {
            CompiledZone zone = zones.get(z);
            for (int k = 0; k < zone.cellCount(); k++) {
                int slot = fill[cellOfEntry[next++]]++;
                entryOf[slot] = entry(z, zone.marks[k]);
                sourceCell[slot] = k;
            }
        }
        int[] entryEdgeStart = new int[entries + 1];
        int[] edgeVertex = new int[edges];
        int written = 0;
        for (int e = 0; e < entries; e++) {
            CompiledZone zone = zones.get(zoneOf(entryOf[e]));
            int base = vertexBase[zoneOf(entryOf[e])];
            for (int k = zone.edgeStart[sourceCell[e]], end = zone.edgeStart[sourceCell[e] + 1]; k < end; k++) {
                edgeVertex[written++] = base + zone.edges[k];
            }
            entryEdgeStart[e + 1] = written;
        }
        cells.transformValues(cell -> ((long) cellStart[(int) cell] << 32) | cellStart[(int) cell + 1]);
        return new Table(cells, entryOf, entryEdgeStart, edgeVertex, vertexXY);
    }
}
