package org.shouhu.geofence.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneLocator;

/**
 * The engine's zone index: a multi-level grid of precomputed cells in front of exact per-zone tests.
 *
 * <p>Each zone is registered in the cells of one level of a fixed world grid (see {@link CompiledZone}). A query
 * hashes the point's cell at each level in use and reads that cell's run of entries: a cell wholly inside a zone
 * answers without any geometry; a cell the boundary passes through holds the few edges of the zone that touch it,
 * and the point is decided by counting crossings between the cell's centre (whose side is precomputed) and the
 * point with JTS's robust orientation test, so boundary points and vertices are decided exactly. Everything a query
 * reads sits in a few flat arrays, so a lookup costs a handful of cache misses whatever the number of zones.
 *
 * <p>The cells also hold every zone within {@link GridSettings#nearMetres()} of them, so a fix whose accuracy circle
 * is at most that radius finds every zone its circle touches; wider circles fall back to an R-tree of envelopes.
 *
 * <p>Built eagerly; immutable and thread-safe once constructed. {@link #withZones} builds a successor that reuses the
 * compiled cells of every unchanged zone, so changing one zone of 100,000 costs a repack, not a rebuild.
 */
public final class ZoneIndex implements ZoneLocator {

    private final GridSettings settings;
    private final Grid grid;
    private final CompiledZone[] compiled;
    private final Zone[] zones;
    private final STRtree envelopes = new STRtree();
    private final STRtree dangerEnvelopes = new STRtree();
    private final int[] levelsInUse;
    private final LongIntHashMap cells;
    private final int[] cellStart;
    private final int[] entryZone;
    private final float[] entryMark;
    private final int[] entryEdgeStart;
    private final int[] edgeVertex;
    private final double[] vertexLon;
    private final double[] vertexLat;
    private final double minMetresPerDegreeLon;

    /** Receives the zones near a fix, with whether the accuracy circle lies wholly inside each. */
    public interface ProximityVisitor {
        /** @param whollyInside true when the circle is inside the zone, false when it straddles the boundary */
        void visit(Zone zone, boolean whollyInside);
    }

    public ZoneIndex(List<Zone> zoneList, GridSettings settings) {
        this(compileAll(zoneList, settings, Map.of()), settings);
    }

    private ZoneIndex(CompiledZone[] compiled, GridSettings settings) {
        this.settings = settings;
        this.grid = new Grid(settings);
        this.compiled = compiled;
        int n = compiled.length;
        this.zones = new Zone[n];
        boolean[] used = new boolean[Grid.MAX_LEVEL + 1];
        double minKx = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            CompiledZone z = compiled[i];
            zones[i] = z.zone;
            used[z.level] = true;
            minKx = Math.min(minKx, z.metrics.metresPerDegreeLon());
            envelopes.insert(z.metrics.envelope(), i);
            if (z.zone.kind() == ZoneKind.DANGER) {
                dangerEnvelopes.insert(z.metrics.envelope(), i);
            }
        }
        envelopes.build();
        dangerEnvelopes.build();
        this.minMetresPerDegreeLon = n == 0 ? 1 : minKx;
        List<Integer> levels = new ArrayList<>();
        for (int level = 0; level <= Grid.MAX_LEVEL; level++) {
            if (used[level]) {
                levels.add(level);
            }
        }
        this.levelsInUse = levels.stream().mapToInt(Integer::intValue).toArray();
        CellTableBuilder.Table table = CellTableBuilder.build(List.of(compiled));
        this.cells = table.cells();
        this.cellStart = table.cellStart();
        this.entryZone = table.entryZone();
        this.entryMark = table.entryMark();
        this.entryEdgeStart = table.entryEdgeStart();
        this.edgeVertex = table.edgeVertex();
        this.vertexLon = table.vertexLon();
        this.vertexLat = table.vertexLat();
    }

    /**
     * An index of {@code zoneList} that reuses this index's compiled cells for every zone present in both (the same
     * {@link Zone} instance) and compiles only the others.
     */
    public ZoneIndex withZones(List<Zone> zoneList) {
        Map<String, CompiledZone> previous = new HashMap<>(compiled.length * 2);
        for (CompiledZone z : compiled) {
            previous.put(z.zone.id(), z);
        }
        return new ZoneIndex(compileAll(zoneList, settings, previous), settings);
    }

    private static CompiledZone[] compileAll(List<Zone> zoneList, GridSettings settings,
                                             Map<String, CompiledZone> previous) {
        Grid grid = new Grid(settings);
        Zone[] input = zoneList.toArray(new Zone[0]);
        CompiledZone[] out = new CompiledZone[input.length];
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, input.length);
        (input.length > 2_000 ? range.parallel() : range).forEach(i -> {
            CompiledZone old = previous.get(input[i].id());
            out[i] = old != null && old.zone == input[i] ? old : CompiledZone.compile(input[i], grid, settings);
        });
        return out;
    }

    @Override
    public void forEachContaining(double lat, double lon, Consumer<Zone> action) {
        for (int level : levelsInUse) {
            long key = grid.keyOf(level, lon, lat);
            int cell = key == Grid.NO_CELL ? LongIntHashMap.MISSING : cells.get(key);
            if (cell == LongIntHashMap.MISSING) {
                continue;
            }
            for (int e = cellStart[cell], end = cellStart[cell + 1]; e < end; e++) {
                if (entryCovers(e, key, level, lon, lat)) {
                    action.accept(zones[entryZone[e]]);
                }
            }
        }
    }

    /** Whether the zone of entry e (in the cell with the key) covers the point, boundary included. */
    private boolean entryCovers(int e, long key, int level, double px, double py) {
        float mark = entryMark[e];
        if (mark >= 0) {
            return true; // the whole cell is inside
        }
        if (mark == CompiledZone.CENTRE_ON_BOUNDARY) {
            return compiled[entryZone[e]].metrics.covers(px, py);
        }
        double cx = grid.centreLon(level, Grid.columnOf(key));
        double cy = grid.centreLat(level, Grid.rowOf(key));
        boolean inside = mark == CompiledZone.CENTRE_INSIDE;
        for (int k = entryEdgeStart[e], end = entryEdgeStart[e + 1]; k < end; k++) {
            int v = edgeVertex[k];
            double ax = vertexLon[v];
            double ay = vertexLat[v];
            double bx = vertexLon[v + 1];
            double by = vertexLat[v + 1];
            int sideOfPoint = org.locationtech.jts.algorithm.CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, px, py);
            if (sideOfPoint == 0) {
                if (px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by)
                        && py <= Math.max(ay, by)) {
                    return true; // on the edge
                }
                continue; // on the edge's line beyond its ends: the path cannot cross the edge there
            }
            if (crossesPath(cx, cy, px, py, ax, ay, bx, by, sideOfPoint)) {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * Whether edge a-b crosses the path from the centre c to the point p. An edge vertex lying on the path's line
     * counts as above it (each edge half-open), so a path through a vertex counts one crossing when the boundary
     * passes through and none or two when it only touches.
     */
    private static boolean crossesPath(double cx, double cy, double px, double py, double ax, double ay, double bx,
                                       double by, int sideOfPoint) {
        int sideA = org.locationtech.jts.algorithm.CGAlgorithmsDD.orientationIndex(cx, cy, px, py, ax, ay);
        int sideB = org.locationtech.jts.algorithm.CGAlgorithmsDD.orientationIndex(cx, cy, px, py, bx, by);
        if ((sideA > 0) == (sideB > 0)) {
            return false;
        }
        int sideOfCentre = org.locationtech.jts.algorithm.CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, cx, cy);
        return sideOfCentre == -sideOfPoint;
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
            long key = grid.keyOf(level, lon, lat);
            int cell = key == Grid.NO_CELL ? LongIntHashMap.MISSING : cells.get(key);
            if (cell == LongIntHashMap.MISSING) {
                continue;
            }
            for (int e = cellStart[cell], end = cellStart[cell + 1]; e < end; e++) {
                float mark = entryMark[e];
                if (mark >= radiusMetres) {
                    visitor.visit(zones[entryZone[e]], true);
                } else {
                    boolean covers = entryCovers(e, key, level, lon, lat);
                    ZoneMetrics m = compiled[entryZone[e]].metrics;
                    double d = m.distanceToBoundary(lon, lat, radiusMetres);
                    if (covers) {
                        visitor.visit(zones[entryZone[e]], d >= radiusMetres);
                    } else if (d <= radiusMetres) {
                        visitor.visit(zones[entryZone[e]], false);
                    }
                }
            }
        }
    }

    private void classify(int z, double lat, double lon, double radius, ProximityVisitor visitor) {
        ZoneMetrics m = compiled[z].metrics;
        // first from the envelope, in the zone's metric frame: wholly beyond the circle, or wholly within it
        Envelope e = m.envelope();
        double nearX = Math.max(0, Math.max(e.getMinX() - lon, lon - e.getMaxX())) * m.metresPerDegreeLon();
        double nearY = Math.max(0, Math.max(e.getMinY() - lat, lat - e.getMaxY())) * m.metresPerDegreeLat();
        if (nearX * nearX + nearY * nearY > radius * radius) {
            return; // the boundary lies within the envelope, so it is farther than the radius
        }
        double farX = Math.max(lon - e.getMinX(), e.getMaxX() - lon) * m.metresPerDegreeLon();
        double farY = Math.max(lat - e.getMinY(), e.getMaxY() - lat) * m.metresPerDegreeLat();
        if (farX * farX + farY * farY < radius * radius) {
            visitor.visit(zones[z], false); // the whole zone lies within the circle: the circle straddles it
            return;
        }
        boolean covers = m.covers(lon, lat);
        double d = m.distanceToBoundary(lon, lat, radius);
        if (covers) {
            visitor.visit(zones[z], d >= radius);
        } else if (d <= radius) {
            visitor.visit(zones[z], false);
        }
    }

    /**
     * Visits every danger zone the straight segment between two WGS-84 positions touches (the path a child took
     * between two fixes, assuming a straight line).
     */
    public void forEachDangerCrossed(double lat1, double lon1, double lat2, double lon2, Consumer<Zone> action) {
        Envelope path = new Envelope(lon1, lon2, lat1, lat2);
        dangerEnvelopes.query(path, item -> {
            int z = (Integer) item;
            if (compiled[z].metrics.intersectsSegment(lon1, lat1, lon2, lat2)) {
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

    /** How many edge references the boundary cells hold; for sizing reports. */
    public int cellEdges() {
        return edgeVertex.length;
    }
}
