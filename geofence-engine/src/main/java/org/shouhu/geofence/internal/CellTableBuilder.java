package org.shouhu.geofence.internal;

import java.util.List;

/**
 * Packs the cells of many {@link CompiledZone}s into one table for fast lookup: a hash from cell key to a cell
 * number; per cell a contiguous run of entries (zone number, mark); per entry a contiguous run of edges, given as
 * the index of the edge's first vertex in one shared pair of vertex arrays. Stateless.
 */
final class CellTableBuilder {

    /**
     * The packed table. Cell c holds entries {@code cellStart[c]..cellStart[c+1]}; entry e holds edges
     * {@code entryEdgeStart[e]..entryEdgeStart[e+1]} of {@code edgeVertex}; edge k runs from vertex
     * {@code edgeVertex[k]} to the next one in {@code vertexLon}/{@code vertexLat}.
     */
    record Table(LongIntHashMap cells, int[] cellStart, int[] entryZone, float[] entryMark, int[] entryEdgeStart,
                 int[] edgeVertex, double[] vertexLon, double[] vertexLat) {
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
        double[] vertexLon = new double[vertices];
        double[] vertexLat = new double[vertices];
        int[] vertexBase = new int[zones.size()];
        int at = 0;
        for (int z = 0; z < zones.size(); z++) {
            ZoneMetrics m = zones.get(z).metrics;
            vertexBase[z] = at;
            for (int i = 0; i < m.vertexCount(); i++, at++) {
                vertexLon[at] = m.lon(i);
                vertexLat[at] = m.lat(i);
            }
        }
        // number the distinct cells and count their entries
        LongIntHashMap cells = new LongIntHashMap(Math.max(16, entries / 4));
        int[] counts = new int[entries + 1];
        int[] cellOfEntry = new int[entries];
        int next = 0;
        for (CompiledZone z : zones) {
            for (long key : z.keys) {
                int cell = cells.putIfAbsent(key, cells.size());
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
        int[] entryZone = new int[entries];
        float[] entryMark = new float[entries];
        int[] sourceCell = new int[entries];
        next = 0;
        for (int z = 0; z < zones.size(); z++) {
            CompiledZone zone = zones.get(z);
            for (int k = 0; k < zone.cellCount(); k++) {
                int slot = fill[cellOfEntry[next++]]++;
                entryZone[slot] = z;
                entryMark[slot] = zone.marks[k];
                sourceCell[slot] = k;
            }
        }
        int[] entryEdgeStart = new int[entries + 1];
        int[] edgeVertex = new int[edges];
        int written = 0;
        for (int e = 0; e < entries; e++) {
            CompiledZone zone = zones.get(entryZone[e]);
            int base = vertexBase[entryZone[e]];
            for (int k = zone.edgeStart[sourceCell[e]], end = zone.edgeStart[sourceCell[e] + 1]; k < end; k++) {
                edgeVertex[written++] = base + zone.edges[k];
            }
            entryEdgeStart[e + 1] = written;
        }
        return new Table(cells, cellStart, entryZone, entryMark, entryEdgeStart, edgeVertex, vertexLon, vertexLat);
    }
}
