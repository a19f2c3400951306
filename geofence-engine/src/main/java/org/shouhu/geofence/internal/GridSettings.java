package org.shouhu.geofence.internal;

/**
 * Sizing of the {@link ZoneIndex} grid.
 *
 * @param cellMetres     edge of a finest-level cell, metres (each coarser level is 4 times wider)
 * @param nearMetres     accuracy radius up to which the grid alone answers proximity queries
 * @param maxCellsAcross a zone is registered at the finest level where it spans at most this many cells
 */
public record GridSettings(double cellMetres, double nearMetres, int maxCellsAcross) {

    public static final GridSettings DEFAULT = new GridSettings(40, 50, 12);

    public GridSettings {
        if (!(cellMetres >= 1 && cellMetres <= 10_000)) {
            throw new IllegalArgumentException("cellMetres must be 1..10000: " + cellMetres);
        }
        if (!(nearMetres >= 0 && nearMetres <= 10_000)) {
            throw new IllegalArgumentException("nearMetres must be 0..10000: " + nearMetres);
        }
        if (maxCellsAcross < 1 || maxCellsAcross > 256) {
            throw new IllegalArgumentException("maxCellsAcross must be 1..256: " + maxCellsAcross);
        }
    }
}
