package org.shouhu.geofence;

/** How a fix whose accuracy circle straddles a zone boundary is read. */
public enum AccuracyBias {
    /** Straddling is {@link Presence#UNKNOWN}: no transition either way (homes, schools: avoids false alerts). */
    STRICT,
    /**
     * Straddling counts as {@link Presence#INSIDE} (danger zones: possibly in the river is worth a warning); outside
     * only when the whole circle is outside.
     */
    POSSIBLY_INSIDE
}
