package org.shouhu.geofence.internal;

import java.util.List;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneLocator;

/**
 * The engine's zone index: a multi-level grid of precomputed cells in front of exact per-zone tests.
 *
 * <p>Each zone is registered in the cells of one grid level (the finest level at which its envelope, widened by
 * {@link GridSettings#nearMetres()}, spans at most {@link GridSettings#maxCellsAcross()} cells). For each such cell
 * the build records either that the whole cell lies inside the zone, with the least distance in metres from any
 * point of the cell to the zone's boundary (its <em>margin</em>), or that the cell is only near or across the
 * boundary. A query hashes the point's cell at each level in use; a zone whose cell is wholly inside is answered
 * without touching its polygon, and only boundary cells pay for an exact test. The cells also hold every zone
 * within {@code nearMetres} of them, so a fix whose accuracy circle is at most that radius finds every zone its
 * circle touches; wider circles fall back to an R-tree of envelopes.
 *
 * <p>Built eagerly; immutable and thread-safe once constructed.
 */
public final class ZoneIndex implements ZoneLocator {

    private static final int MAX_LEVEL = 10;
    private static final float NOT_WHOLLY_INSIDE = -1f;

    private final GridSettings settings;
    private final Zone[] zones;
    private final ZoneMetrics[] metrics;
    private final PreparedGeometry[] dangerAreas;
    private final STRtree envelopes = new STRtree();
    private final STRtree dangerEnvelopes = new STRtree();
    private final double originLon;
    private final double originLat;
    private final double[] cellLon = new double[MAX_LEVEL + 1];
    private final double[] cellLat = new double[MAX_LEVEL + 1];
    private final int[] levelsInUse;
    private final LongIntHashMap cells;
    private final int[] cellStart;
    private final int[] entryZone;
    private final float[] entryMargin;
    private final double minMetresPerDegreeLon;

    /** Receives the zones near a fix, with whether the accuracy circle lies wholly inside each. */
    public interface ProximityVisitor {
        /** @param whollyInside true when the circle is inside the zone, false when it straddles the boundary */
        void visit(Zone zone, boolean whollyInside);
    }

    public ZoneIndex(List<Zone> zoneList, GridSettings settings) {
        this.settings = settings;
        int n = zoneList.size();
        this.zones = zoneList.toArray(new Zone[0]);
        this.metrics = new ZoneMetrics[n];
        this.dangerAreas = new PreparedGeometry[n];
        Envelope all = new Envelope();
        double minKx = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            metrics[i] = new ZoneMetrics(zones[i].area());
            all.expandToInclude(metrics[i].envelope());
            minKx = Math.min(minKx, metrics[i].metresPerDegreeLon());
            envelopes.insert(metrics[i].envelope(), i);
            if (zones[i].kind() == ZoneKind.DANGER) {
                dangerAreas[i] = PreparedGeometryFactory.prepare(zones[i].area());
                dangerAreas[i].intersects(zones[i].area().getCentroid()); // build its index now
                dangerEnvelopes.insert(metrics[i].envelope(), i);
            }
        }
        envelopes.build();
        dangerEnvelopes.build();
        this.minMetresPerDegreeLon = n == 0 ? 1 : minKx;
        double refLat = n == 0 ? 0 : all.centre().y;
        this.originLon = n == 0 ? 0 : all.getMinX() - 1;
        this.originLat = n == 0 ? 0 : all.getMinY() - 1;
        double metresPerDegreeLon = 111_320 * Math.max(0.05, Math.cos(Math.toRadians(refLat)));
        for (int level = 0; level <= MAX_LEVEL; level++) {
            double metres = settings.cellMetres() * Math.pow(4, level);
            cellLat[level] = metres / 110_574;
            cellLon[level] = metres / metresPerDegreeLon;
        }
        CellTableBuilder table = new CellTableBuilder(n * 16);
        boolean[] used = new boolean[MAX_LEVEL + 1];
        for (int i = 0; i < n; i++) {
            used[addCells(i, table)] = true;
        }
        int[] levels = new int[MAX_LEVEL + 1];
        int count = 0;
        for (int level = 0; level <= MAX_LEVEL; level++) {
            if (used[level]) {
                levels[count++] = level;
            }
        }
        this.levelsInUse = java.util.Arrays.copyOf(levels, count);
        CellTableBuilder.Table built = table.build();
        this.cells = built.cells();
        this.cellStart = built.cellStart();
        this.entryZone = built.entryZone();
        this.entryMargin = built.entryMargin();
    }

    /** Registers zone {@code z} in the cells of its level; returns the level. */
    private int addCells(int z, CellTableBuilder table) {
        ZoneMetrics m = metrics[z];
        Envelope e = m.envelope();
        double near = settings.nearMetres();
        double nearLon = near / m.metresPerDegreeLon();
        double nearLat = near / m.metresPerDegreeLat();
        double width = e.getWidth() + 2 * nearLon;
        double height = e.getHeight() + 2 * nearLat;
        int level = 0;
        while (level < MAX_LEVEL && (width / cellLon[level] > settings.maxCellsAcross()
                || height / cellLat[level] > settings.maxCellsAcross())) {
            level++;
        }
        double cw = cellLon[level];
        double ch = cellLat[level];
        int ix0 = (int) Math.floor((e.getMinX() - nearLon - originLon) / cw);
        int ix1 = (int) Math.floor((e.getMaxX() + nearLon - originLon) / cw);
        int iy0 = (int) Math.floor((e.getMinY() - nearLat - originLat) / ch);
        int iy1 = (int) Math.floor((e.getMaxY() + nearLat - originLat) / ch);
        double halfDiagonal = Math.hypot(cw / 2 * m.metresPerDegreeLon(), ch / 2 * m.metresPerDegreeLat());
        for (int iy = iy0; iy <= iy1; iy++) {
            double cy = originLat + (iy + 0.5) * ch;
            for (int ix = ix0; ix <= ix1; ix++) {
                double cx = originLon + (ix + 0.5) * cw;
                boolean covers = m.covers(cx, cy);
                double d = m.distanceToBoundary(cx, cy, 0);
                if (covers && d > halfDiagonal) {
                    table.add(key(level, ix, iy), z, conservativeFloat(d - halfDiagonal));
                } else if (covers || d <= halfDiagonal + near) {
                    table.add(key(level, ix, iy), z, NOT_WHOLLY_INSIDE);
                }
            }
        }
        return level;
    }

    private static float conservativeFloat(double value) {
        float f = (float) value;
        return f > value ? Math.nextDown(f) : f;
    }

    private static long key(int level, int ix, int iy) {
        return ((long) level << 56) | ((long) iy << 28) | ix;
    }

    /** The cell table slot of the point at a level, or {@link LongIntHashMap#MISSING}. */
    private int cellOf(int level, double lon, double lat) {
        double fx = (lon - originLon) / cellLon[level];
        double fy = (lat - originLat) / cellLat[level];
        if (!(fx >= 0 && fy >= 0 && fx < (1 << 28) && fy < (1 << 28))) {
            return LongIntHashMap.MISSING;
        }
        return cells.get(key(level, (int) fx, (int) fy));
    }

    @Override
    public void forEachContaining(double lat, double lon, Consumer<Zone> action) {
        for (int level : levelsInUse) {
            int cell = cellOf(level, lon, lat);
            if (cell == LongIntHashMap.MISSING) {
                continue;
            }
            for (int e = cellStart[cell], end = cellStart[cell + 1]; e < end; e++) {
                int z = entryZone[e];
                if (entryMargin[e] >= 0 || metrics[z].covers(lon, lat)) {
                    action.accept(zones[z]);
                }
            }
        }
    }

    /**
     * Visits every zone that the accuracy circle of {@code radiusMetres} around the point touches, saying whether
     * the circle lies wholly inside it. Zones not visited lie wholly outside the circle.
     */
    public void forEachNear(double lat, double lon, double radiusMetres, ProximityVisitor visitor) {
        if (radiusMetres > settings.nearMetres()) {
            Envelope query = new Envelope(lon, lon, lat, lat);
            query.expandBy(radiusMetres / minMetresPerDegreeLon, radiusMetres / 110_000);
            envelopes.query(query, item -> classify((Integer) item, lat, lon, radiusMetres, visitor));
            return;
        }
        for (int level : levelsInUse) {
            int cell = cellOf(level, lon, lat);
            if (cell == LongIntHashMap.MISSING) {
                continue;
            }
            for (int e = cellStart[cell], end = cellStart[cell + 1]; e < end; e++) {
                if (entryMargin[e] >= radiusMetres) {
                    visitor.visit(zones[entryZone[e]], true);
                } else {
                    classify(entryZone[e], lat, lon, radiusMetres, visitor);
                }
            }
        }
    }

    private void classify(int z, double lat, double lon, double radius, ProximityVisitor visitor) {
        ZoneMetrics m = metrics[z];
        boolean covers = m.covers(lon, lat);
        double d = m.distanceToBoundary(lon, lat, radius);
        if (covers) {
            visitor.visit(zones[z], d >= radius);
        } else if (d <= radius) {
            visitor.visit(zones[z], false);
        }
    }

    /**
     * Visits every danger zone the straight segment between two WGS-84 positions intersects (the path a child
     * took between two fixes, assuming a straight line).
     */
    public void forEachDangerCrossed(double lat1, double lon1, double lat2, double lon2, Consumer<Zone> action) {
        LineString segment = Geometries.WGS84.createLineString(
                new Coordinate[] {new Coordinate(lon1, lat1), new Coordinate(lon2, lat2)});
        dangerEnvelopes.query(segment.getEnvelopeInternal(), item -> {
            int z = (Integer) item;
            if (dangerAreas[z].intersects(segment)) {
                action.accept(zones[z]);
            }
        });
    }

    @Override
    public int size() {
        return zones.length;
    }

    /** How many (cell, zone) entries the grid holds; for sizing reports. */
    public int cellEntries() {
        return entryZone.length;
    }
}
