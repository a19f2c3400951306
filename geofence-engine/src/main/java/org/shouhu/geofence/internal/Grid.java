package org.shouhu.geofence.internal;

/**
 * The fixed, world-wide multi-level grid the {@link ZoneIndex} hangs its cells on. Level 0 cells are
 * {@link GridSettings#cellMetres()} of latitude square in degrees; each level up is 4 times wider. The grid does not
 * depend on which zones exist, so a zone's cells can be computed once and reused by every later index. Cell keys
 * pack the level and the column and row numbers counted from (-180, -90). Immutable.
 */
final class Grid {

    static final int MAX_LEVEL = 10;
    /** No cell: the position is outside the grid (never for a valid WGS-84 position). */
    static final long NO_CELL = Long.MIN_VALUE;
    private static final double METRES_PER_DEGREE_LAT = 110_574;
    private static final double ORIGIN_LON = -180;
    private static final double ORIGIN_LAT = -90;

    private final double[] cellDegrees = new double[MAX_LEVEL + 1];

    Grid(GridSettings settings) {
        for (int level = 0; level <= MAX_LEVEL; level++) {
            cellDegrees[level] = settings.cellMetres() * Math.pow(4, level) / METRES_PER_DEGREE_LAT;
        }
    }

    /** The edge of a cell at the level, degrees (of latitude and of longitude alike). */
    double cellDegrees(int level) {
        return cellDegrees[level];
    }

    int column(int level, double lon) {
        return (int) Math.floor((lon - ORIGIN_LON) / cellDegrees[level]);
    }

    int row(int level, double lat) {
        return (int) Math.floor((lat - ORIGIN_LAT) / cellDegrees[level]);
    }

    double west(int level, int column) {
        return ORIGIN_LON + column * cellDegrees[level];
    }

    double south(int level, int row) {
        return ORIGIN_LAT + row * cellDegrees[level];
    }

    /** The longitude of the centre of a column: the reference point of its cells, computed the same way always. */
    double centreLon(int level, int column) {
        return ORIGIN_LON + (column + 0.5) * cellDegrees[level];
    }

    double centreLat(int level, int row) {
        return ORIGIN_LAT + (row + 0.5) * cellDegrees[level];
    }

    static long key(int level, int column, int row) {
        return ((long) level << 56) | ((long) row << 28) | column;
    }

    static int levelOf(long key) {
        return (int) (key >>> 56);
    }

    static int columnOf(long key) {
        return (int) (key & 0xFFF_FFFF);
    }

    static int rowOf(long key) {
        return (int) ((key >>> 28) & 0xFFF_FFFF);
    }

    /** The key of the cell holding the position at the level, or {@link #NO_CELL}. */
    long keyOf(int level, double lon, double lat) {
        double fx = (lon - ORIGIN_LON) / cellDegrees[level];
        double fy = (lat - ORIGIN_LAT) / cellDegrees[level];
        if (!(fx >= 0 && fy >= 0 && fx < (1 << 28) && fy < (1 << 28))) {
            return NO_CELL;
        }
        return key(level, (int) fx, (int) fy);
    }
}
