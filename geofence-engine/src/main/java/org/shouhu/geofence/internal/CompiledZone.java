package org.shouhu.geofence.internal;

import java.util.Arrays;
import org.locationtech.jts.geom.Envelope;
import org.shouhu.geofence.Zone;

/**
 * One zone's contribution to the {@link ZoneIndex} grid, computed once per zone and reused by every later index
 * while the zone is unchanged (a zone change recompiles that zone only).
 *
 * <p>The zone is registered in the cells of one grid level: the finest at which its envelope, widened by
 * {@link GridSettings#nearMetres()}, spans at most {@link GridSettings#maxCellsAcross()} cells. Per cell it records
 * either that the whole cell lies inside the zone, with the least distance in metres from any point of the cell to
 * the boundary (its margin, &ge; 0), or that it lies wholly outside but near, with its margin outside, or, for a cell the boundary passes through or near, the zone's edges that touch
 * the cell and where the cell's centre lies. A point in such a cell is then decided from a handful of edges: it is
 * inside when the centre is and the segment from the centre to the point crosses the boundary an even number of
 * times. Immutable.
 */
final class CompiledZone {

    /** Mark of a boundary cell whose centre lies outside the zone. */
    static final float CENTRE_OUTSIDE = -1f;
    /** Mark of a boundary cell whose centre lies inside the zone. */
    static final float CENTRE_INSIDE = -2f;
    /** Mark of a boundary cell whose centre lies exactly on the boundary: the point is tested against the whole zone. */
    static final float CENTRE_ON_BOUNDARY = -3f;
    /**
     * Marks at or below this one are of a cell no edge touches, wholly outside the zone but within
     * {@link GridSettings#nearMetres()} of it: {@code NEAR_OUTSIDE - mark} is the cell's least distance in metres to
     * the zone (its margin outside, &ge; 0).
     */
    static final float NEAR_OUTSIDE = -4f;
    /** Widening of a cell, as a fraction of its edge, when picking its edges: covers rounding of the cell lookup. */
    private static final double PAD = 1e-3;

    final Zone zone;
    final ZoneMetrics metrics;
    final int level;
    /** Per registered cell: its key, its mark (margin or CENTRE_*), and its edges edgeStart[c]..edgeStart[c+1]. */
    final long[] keys;
    final float[] marks;
    final int[] edgeStart;
    /** Index (in {@link #metrics}) of the first vertex of each edge. */
    final int[] edges;

    private CompiledZone(Zone zone, ZoneMetrics metrics, int level, long[] keys, float[] marks, int[] edgeStart,
                         int[] edges) {
        this.zone = zone;
        this.metrics = metrics;
        this.level = level;
        this.keys = keys;
        this.marks = marks;
        this.edgeStart = edgeStart;
        this.edges = edges;
    }

    int cellCount() {
        return keys.length;
    }

    static CompiledZone compile(Zone zone, Grid grid, GridSettings settings) {
        ZoneMetrics m = new ZoneMetrics(zone.area());
        Envelope e = m.envelope();
        double near = settings.nearMetres();
        double nearLon = near / m.metresPerDegreeLon();
        double nearLat = near / m.metresPerDegreeLat();
        int level = 0;
        while (level < Grid.MAX_LEVEL
                && ((e.getWidth() + 2 * nearLon) / grid.cellDegrees(level) > settings.maxCellsAcross()
                || (e.getHeight() + 2 * nearLat) / grid.cellDegrees(level) > settings.maxCellsAcross())) {
            level++;
        }
        int c0 = grid.column(level, e.getMinX() - nearLon);
        int c1 = grid.column(level, e.getMaxX() + nearLon);
        int r0 = grid.row(level, e.getMinY() - nearLat);
        int r1 = grid.row(level, e.getMaxY() + nearLat);
        int columns = c1 - c0 + 1;
        int rows = r1 - r0 + 1;
        double pad = grid.cellDegrees(level) * PAD;
        int[][] cellEdges = edgesPerCell(m, grid, level, c0, r0, columns, rows, pad, pad);

        double cell = grid.cellDegrees(level);
        double halfDiagonal = Math.hypot(cell / 2 * m.metresPerDegreeLon(), cell / 2 * m.metresPerDegreeLat());
        long[] keys = new long[columns * rows];
        float[] marks = new float[columns * rows];
        int[] edgeStart = new int[columns * rows + 1];
        int[] edges = new int[16];
        int count = 0;
        int edgeCount = 0;
        for (int r = 0; r < rows; r++) {
            double cy = grid.centreLat(level, r0 + r);
            for (int c = 0; c < columns; c++) {
                double cx = grid.centreLon(level, c0 + c);
                int[] own = cellEdges[r * columns + c];
                float mark;
                if (own != null) {
                    int where = m.envelope().covers(cx, cy) ? m.locate(cx, cy) : ZoneMetrics.OUTSIDE;
                    mark = where == ZoneMetrics.INSIDE ? CENTRE_INSIDE
                            : where == ZoneMetrics.OUTSIDE ? CENTRE_OUTSIDE : CENTRE_ON_BOUNDARY;
                } else {
                    // no edge touches the cell: it is wholly inside or wholly outside
                    double d = m.distanceToBoundary(cx, cy, 0);
                    if (m.covers(cx, cy)) {
                        mark = conservativeFloat(Math.max(0, d - halfDiagonal));
                    } else if (d <= halfDiagonal + near) {
                        // near enough to matter for accuracy circles; how near, so most circles skip the geometry
                        mark = nearMark(Math.max(0, d - halfDiagonal));
                    } else {
                        continue;
                    }
                }
                keys[count] = Grid.key(level, c0 + c, r0 + r);
                marks[count] = mark;
                if (own != null) {
                    if (edgeCount + own[0] > edges.length) {
                        edges = Arrays.copyOf(edges, Math.max(edges.length * 2, edgeCount + own[0]));
                    }
                    System.arraycopy(own, 1, edges, edgeCount, own[0]);
                    edgeCount += own[0];
                }
                count++;
                edgeStart[count] = edgeCount;
            }
        }
        return new CompiledZone(zone, m, level, Arrays.copyOf(keys, count), Arrays.copyOf(marks, count),
                Arrays.copyOf(edgeStart, count + 1), Arrays.copyOf(edges, edgeCount));
    }

    /**
     * For each registered cell (in the order of {@link #keys}), the edges within {@link GridSettings#nearMetres()}
     * of some point of the cell, as {count, edge...}, or null when none is. A superset: the edges whose envelope,
     * widened by that distance (and a little more), meets the cell; every other edge is farther than the distance
     * from every point of the cell. Computed on demand, when the zone is packed, so it is not kept per zone.
     */
    int[][] edgesNear(Grid grid, GridSettings settings) {
        int c0 = Integer.MAX_VALUE;
        int r0 = Integer.MAX_VALUE;
        int c1 = Integer.MIN_VALUE;
        int r1 = Integer.MIN_VALUE;
        for (long key : keys) {
            c0 = Math.min(c0, Grid.columnOf(key));
            c1 = Math.max(c1, Grid.columnOf(key));
            r0 = Math.min(r0, Grid.rowOf(key));
            r1 = Math.max(r1, Grid.rowOf(key));
        }
        if (keys.length == 0) {
            return new int[0][];
        }
        int columns = c1 - c0 + 1;
        double pad = grid.cellDegrees(level) * PAD;
        int[][] block = edgesPerCell(metrics, grid, level, c0, r0, columns, r1 - r0 + 1,
                settings.nearMetres() / metrics.metresPerDegreeLon() + pad,
                settings.nearMetres() / metrics.metresPerDegreeLat() + pad);
        int[][] out = new int[keys.length][];
        for (int k = 0; k < keys.length; k++) {
            out[k] = block[(Grid.rowOf(keys[k]) - r0) * columns + Grid.columnOf(keys[k]) - c0];
        }
        return out;
    }

    /**
     * For each cell of the block, the edges whose envelope, widened by the pads (degrees), meets the cell, as
     * {count, edge...}; null for a cell no edge meets. With pads of a thousandth of a cell: a superset of the edges
     * that cross the cell, which is all the containment test needs.
     */
    private static int[][] edgesPerCell(ZoneMetrics m, Grid grid, int level, int c0, int r0, int columns, int rows,
                                        double padLon, double padLat) {
        int[][] cells = new int[columns * rows][];
        for (int i = 0; i < m.vertexCount() - 1; i++) {
            if (!m.startsSegment(i)) {
                continue;
            }
            int ca = Math.max(0, grid.column(level, Math.min(m.lon(i), m.lon(i + 1)) - padLon) - c0);
            int cb = Math.min(columns - 1, grid.column(level, Math.max(m.lon(i), m.lon(i + 1)) + padLon) - c0);
            int ra = Math.max(0, grid.row(level, Math.min(m.lat(i), m.lat(i + 1)) - padLat) - r0);
            int rb = Math.min(rows - 1, grid.row(level, Math.max(m.lat(i), m.lat(i + 1)) + padLat) - r0);
            for (int r = ra; r <= rb; r++) {
                for (int c = ca; c <= cb; c++) {
                    int at = r * columns + c;
                    int[] list = cells[at];
                    if (list == null) {
                        list = new int[5];
                    } else if (list[0] + 1 == list.length) {
                        list = Arrays.copyOf(list, list.length * 2);
                    }
                    list[++list[0]] = i;
                    cells[at] = list;
                }
            }
        }
        return cells;
    }

    /** The mark of a near cell with this margin, rounded so that {@link #nearMargin} never exceeds it. */
    private static float nearMark(double margin) {
        double exact = NEAR_OUTSIDE - margin;
        float f = (float) exact;
        return f < exact ? Math.nextUp(f) : f;
    }

    /** The margin outside of a near cell's mark (at most the margin it was made from). */
    static double nearMargin(float mark) {
        return NEAR_OUTSIDE - (double) mark;
    }

    private static float conservativeFloat(double value) {
        float f = (float) value;
        return f > value ? Math.nextDown(f) : f;
    }
}
