package org.shouhu.geofence.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.geom.Envelope;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneLocator;
import org.shouhu.protocol.DeviceId;

/**
 * The engine's zone index: a multi-level grid of precomputed cells in front of exact per-zone tests.
 *
 * <p>Each zone is registered in the cells of one level of a fixed world grid (see {@link CompiledZone}). A query finds
 * the point's cell at each level in use, those of the finer levels in one block of cells ({@link CellBlocks}), and
 * reads that cell's run of entries: a cell wholly inside a zone answers without any geometry; a cell the boundary
 * passes through holds the few edges of the zone that touch it, and the point is decided by counting crossings between
 * the cell's centre (whose side is precomputed) and the point with JTS's robust orientation test, so boundary points
 * and vertices are decided exactly. Everything a query reads sits in a few flat arrays (see {@link CellTableBuilder}),
 * so a lookup costs a handful of cache misses whatever the number of zones.
 *
 * <p>The cells also hold every zone within {@link GridSettings#nearMetres()} of them, with how near, so a fix whose
 * accuracy circle is at most that radius finds every zone its circle touches, and most of them are decided from the
 * cell's margin or its few edges; wider circles, and the straight path between two fixes, go through an
 * {@link EnvelopeGrid} of zone envelopes.
 *
 * <p>Built eagerly; immutable and thread-safe once constructed. {@link #withZones} builds a successor that reuses the
 * compiled cells of every unchanged zone; {@link #withHidden} is a view that answers as if some zones were absent,
 * sharing every array (how {@link LayeredZoneIndex} puts a small index of changed zones in front of this one).
 */
public final class ZoneIndex implements ZoneLocator {

    private final GridSettings settings;
    private final Grid grid;
    private final CompiledZone[] compiled;
    private final Zone[] zones;
    private final Map<String, Integer> numbers;
    private final Audiences audiences;
    /** Per zone number, whether queries skip it; null when none is hidden. */
    private final boolean[] hidden;
    private final int hiddenCount;
    private final EnvelopeGrid envelopes;
    private final EnvelopeGrid dangerEnvelopes;
    private final int[] levelsInUse;
    /** Per level, whether any zone is registered at it. */
    private final boolean[] usesLevel;
    /** The levels in use whose cells are hashed (not held in blocks). */
    private final int[] hashedLevelsInUse;
    private final CellBlocks blocks;
    private final LongLongHashMap cells;
    private final CellFilter filter;
    /** Two longs per entry: zone and mark, then its edges (see {@link CellTableBuilder.Table}). */
    private final long[] entries;
    private final int[] edgeVertex;
    private final double[] vertexXY;
    /** Per entry, the zone's edges within {@link GridSettings#nearMetres()} of its cell (encoded as its edges). */
    private final long[] nearEdges;
    private final int[] nearVertex;
    /** Per zone z, its metric frame at 4z..4z+3 (see {@link ZoneMetrics#frame()}), so distances skip the objects. */
    private final double[] frames;
    private final double minMetresPerDegreeLon;
    private final boolean[] isDanger;
    /** Bounds of the metres per degree of any zone's frame (at the equator, and of latitude at the poles). */
    private static final double MAX_METRES_PER_DEGREE_LON = 111_320;
    private static final double MAX_METRES_PER_DEGREE_LAT = 111_700;

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
        this.numbers = new HashMap<>(n * 2);
        this.hidden = null;
        this.hiddenCount = 0;
        boolean[] used = new boolean[Grid.MAX_LEVEL + 1];
        double minKx = Double.POSITIVE_INFINITY;
        Envelope[] all = new Envelope[n];
        Envelope[] danger = new Envelope[n];
        this.frames = new double[4 * n];
        this.isDanger = new boolean[n];
        for (int i = 0; i < n; i++) {
            CompiledZone z = compiled[i];
            System.arraycopy(z.metrics.frame(), 0, frames, 4 * i, 4);
            zones[i] = z.zone;
            numbers.put(z.zone.id(), i);
            used[z.level] = true;
            minKx = Math.min(minKx, z.metrics.metresPerDegreeLon());
            all[i] = z.metrics.envelope();
            if (z.zone.kind() == ZoneKind.DANGER) {
                isDanger[i] = true;
                danger[i] = z.metrics.envelope();
            }
        }
        this.audiences = new Audiences(zones);
        this.envelopes = new EnvelopeGrid(grid, all);
        this.dangerEnvelopes = new EnvelopeGrid(grid, danger);
        this.minMetresPerDegreeLon = n == 0 ? 1 : minKx;
        List<Integer> levels = new ArrayList<>();
        for (int level = 0; level <= Grid.MAX_LEVEL; level++) {
            if (used[level]) {
                levels.add(level);
            }
        }
        this.levelsInUse = levels.stream().mapToInt(Integer::intValue).toArray();
        this.usesLevel = used;
        this.hashedLevelsInUse = levels.stream().filter(level -> !CellBlocks.holds(level))
                .mapToInt(Integer::intValue).toArray();
        CellTableBuilder.Table table = CellTableBuilder.build(List.of(compiled), grid, settings);
        this.blocks = table.blocks();
        this.cells = table.cells();
        this.filter = table.filter();
        this.entries = table.entries();
        this.edgeVertex = table.edgeVertex();
        this.vertexXY = table.vertexXY();
        this.nearEdges = table.nearEdges();
        this.nearVertex = table.nearVertex();
    }

    /** A view of the same tables that skips the hidden zones. */
    private ZoneIndex(ZoneIndex base, boolean[] hidden, int hiddenCount) {
        this.settings = base.settings;
        this.grid = base.grid;
        this.compiled = base.compiled;
        this.zones = base.zones;
        this.numbers = base.numbers;
        this.audiences = base.audiences;
        this.hidden = hiddenCount == 0 ? null : hidden;
        this.hiddenCount = hiddenCount;
        this.envelopes = base.envelopes;
        this.dangerEnvelopes = base.dangerEnvelopes;
        this.levelsInUse = base.levelsInUse;
        this.usesLevel = base.usesLevel;
        this.hashedLevelsInUse = base.hashedLevelsInUse;
        this.blocks = base.blocks;
        this.cells = base.cells;
        this.filter = base.filter;
        this.entries = base.entries;
        this.edgeVertex = base.edgeVertex;
        this.vertexXY = base.vertexXY;
        this.nearEdges = base.nearEdges;
        this.nearVertex = base.nearVertex;
        this.frames = base.frames;
        this.isDanger = base.isDanger;
        this.minMetresPerDegreeLon = base.minMetresPerDegreeLon;
    }

    /**
     * An index of {@code zoneList} that reuses the compiled cells of this index and of {@code others} for every zone
     * present in them (the same {@link Zone} instance) and compiles only the others.
     */
    public ZoneIndex withZones(List<Zone> zoneList, ZoneIndex... others) {
        Map<String, CompiledZone> previous = new HashMap<>(compiled.length * 2);
        for (CompiledZone z : compiled) {
            previous.put(z.zone.id(), z);
        }
        for (ZoneIndex other : others) {
            for (CompiledZone z : other.compiled) {
                previous.put(z.zone.id(), z);
            }
        }
        return new ZoneIndex(compileAll(zoneList, settings, previous), settings);
    }

    /**
     * A view of this index in which only the zones {@code keep} accepts are found. Costs one flag per zone; shares
     * the tables.
     */
    public ZoneIndex withHidden(java.util.function.Predicate<Zone> keep) {
        boolean[] mask = new boolean[zones.length];
        int count = 0;
        for (int i = 0; i < zones.length; i++) {
            if (!keep.test(zones[i])) {
                mask[i] = true;
                count++;
            }
        }
        return new ZoneIndex(this, mask, count);
    }

    /**
     * A view of this index with the visibility of some zones set by id: true hides the zone, false shows it again;
     * ids the tables lack are ignored. Costs a copy of one flag per zone.
     */
    ZoneIndex withHiddenById(Map<String, Boolean> hide) {
        boolean[] mask = hidden == null ? new boolean[zones.length] : hidden.clone();
        int count = hiddenCount;
        for (Map.Entry<String, Boolean> change : hide.entrySet()) {
            Integer number = numbers.get(change.getKey());
            if (number != null && mask[number] != change.getValue()) {
                mask[number] = change.getValue();
                count += change.getValue() ? 1 : -1;
            }
        }
        return new ZoneIndex(this, mask, count);
    }

    /** The zones the index finds (not hidden), in table order. */
    List<Zone> visibleZones() {
        List<Zone> out = new ArrayList<>(size());
        for (int i = 0; i < zones.length; i++) {
            if (!isHidden(i)) {
                out.add(zones[i]);
            }
        }
        return out;
    }

    /** The zone with this id in the tables (hidden or not), or null. */
    Zone tableZone(String id) {
        Integer number = numbers.get(id);
        return number == null ? null : zones[number];
    }

    /** The index's settings. */
    GridSettings settings() {
        return settings;
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

    private boolean isHidden(int z) {
        return hidden != null && hidden[z];
    }

    @Override
    public void forEachContaining(double lat, double lon, Consumer<Zone> action) {
        // the runs of the three levels held in blocks are read before any is walked, so that their cache misses
        // overlap instead of waiting behind the edge tests of the finer levels
        long key0 = usesLevel[0] ? grid.keyOf(0, lon, lat) : Grid.NO_CELL;
        long key1 = usesLevel[1] ? grid.keyOf(1, lon, lat) : Grid.NO_CELL;
        long key2 = usesLevel[2] ? grid.keyOf(2, lon, lat) : Grid.NO_CELL;
        long run0 = runOf(key0, 0);
        long run1 = runOf(key1, 1);
        long run2 = runOf(key2, 2);
        visitContaining(run0, key0, 0, lon, lat, action);
        visitContaining(run1, key1, 1, lon, lat, action);
        visitContaining(run2, key2, 2, lon, lat, action);
        for (int level : hashedLevelsInUse) {
            long key = grid.keyOf(level, lon, lat);
            visitContaining(runOf(key, level), key, level, lon, lat, action);
        }
    }

    /** Calls the action with the zone of every entry of the run (of the cell with the key) that covers the point. */
    private void visitContaining(long run, long key, int level, double lon, double lat, Consumer<Zone> action) {
        if (run == LongLongHashMap.MISSING) {
            return;
        }
        for (int e = (int) (run >>> 32), end = (int) run; e < end; e++) {
            long entry = entries[2 * e];
            int z = CellTableBuilder.zoneOf(entry);
            if (!isHidden(z) && entryCovers(e, CellTableBuilder.markOf(entry), z, key, level, lon, lat)) {
                action.accept(zones[z]);
            }
        }
    }

    /** The run of entries of the cell with this key ({@link Grid#NO_CELL} allowed), or LongLongHashMap.MISSING. */
    private long runOf(long key, int level) {
        if (key == Grid.NO_CELL) {
            return LongLongHashMap.MISSING;
        }
        if (CellBlocks.holds(level)) {
            return blocks.run(key, level);
        }
        return filter.mayHold(key, level) ? cells.get(key) : LongLongHashMap.MISSING;
    }

    /** Whether zone z of entry e (in the cell with the key) covers the point, boundary included. */
    private boolean entryCovers(int e, float mark, int z, long key, int level, double px, double py) {
        if (mark >= 0) {
            return true; // the whole cell is inside
        }
        if (mark <= CompiledZone.NEAR_OUTSIDE) {
            return false; // the whole cell is outside
        }
        if (mark == CompiledZone.CENTRE_ON_BOUNDARY) {
            return compiled[z].metrics.covers(px, py);
        }
        double cx = grid.centreLon(level, Grid.columnOf(key));
        double cy = grid.centreLat(level, Grid.rowOf(key));
        boolean inside = mark == CompiledZone.CENTRE_INSIDE;
        long edges = entries[2 * e + 1];
        int start = CellTableBuilder.edgeStart(edges);
        boolean listed = CellTableBuilder.isListed(edges);
        double pathMinX = Math.min(cx, px);
        double pathMaxX = Math.max(cx, px);
        double pathMinY = Math.min(cy, py);
        double pathMaxY = Math.max(cy, py);
        for (int j = 0, count = CellTableBuilder.edgeCount(edges); j < count; j++) {
            int v = 2 * (listed ? edgeVertex[start + j] : start + j);
            double ax = vertexXY[v];
            double ay = vertexXY[v + 1];
            double bx = vertexXY[v + 2];
            double by = vertexXY[v + 3];
            if (Math.max(ax, bx) < pathMinX || Math.min(ax, bx) > pathMaxX || Math.max(ay, by) < pathMinY
                    || Math.min(ay, by) > pathMaxY) {
                // the edge's box misses the path's (which holds the point): the edge neither crosses the path
                // nor holds the point, so the orientation tests below would not count it
                continue;
            }
            int sideOfPoint = CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, px, py);
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
        int sideA = CGAlgorithmsDD.orientationIndex(cx, cy, px, py, ax, ay);
        int sideB = CGAlgorithmsDD.orientationIndex(cx, cy, px, py, bx, by);
        if ((sideA > 0) == (sideB > 0)) {
            return false;
        }
        int sideOfCentre = CGAlgorithmsDD.orientationIndex(ax, ay, bx, by, cx, cy);
        return sideOfCentre == -sideOfPoint;
    }

    /**
     * Visits every zone that the accuracy circle of {@code radiusMetres} around the point touches, saying whether
     * the circle lies wholly inside it. Zones not visited lie wholly outside the circle.
     */
    public void forEachNear(double lat, double lon, double radiusMetres, ProximityVisitor visitor) {
        forEachNear(lat, lon, radiusMetres, null, visitor);
    }

    /**
     * {@link #forEachNear(double, double, double, ProximityVisitor)} for one device: visits only the zones that serve
     * it, skipping the others before any geometry (null: every zone).
     */
    public void forEachNear(double lat, double lon, double radiusMetres, DeviceId device, ProximityVisitor visitor) {
        if (radiusMetres > settings.nearMetres()) {
            double dLon = radiusMetres / minMetresPerDegreeLon;
            double dLat = radiusMetres / 110_000;
            envelopes.forEachMeeting(lon - dLon, lat - dLat, lon + dLon, lat + dLat, z -> {
                if (!isHidden(z) && audiences.serves(z, device)) {
                    classify(z, lat, lon, radiusMetres, visitor);
                }
            });
            return;
        }
        for (int level : levelsInUse) {
            long key = grid.keyOf(level, lon, lat);
            long run = runOf(key, level);
            if (run == LongLongHashMap.MISSING) {
                continue;
            }
            for (int e = (int) (run >>> 32), end = (int) run; e < end; e++) {
                long entry = entries[2 * e];
                int z = CellTableBuilder.zoneOf(entry);
                float mark = CellTableBuilder.markOf(entry);
                if (isHidden(z) || !audiences.serves(z, device)) {
                    continue;
                }
                if (mark >= radiusMetres) {
                    visitor.visit(zones[z], true); // the circle lies within the cell's margin inside
                } else if (mark <= CompiledZone.NEAR_OUTSIDE && CompiledZone.nearMargin(mark) > radiusMetres) {
                    continue; // the circle lies within the cell's margin outside
                } else {
                    // a boundary nearer than the radius means straddling, inside or out: no crossing count needed
                    double d = distanceToBoundary(e, z, lon, lat, radiusMetres);
                    if (d < radiusMetres) {
                        visitor.visit(zones[z], false);
                    } else if (entryCovers(e, mark, z, key, level, lon, lat)) {
                        visitor.visit(zones[z], true);
                    } else if (d == radiusMetres) {
                        visitor.visit(zones[z], false);
                    }
                }
            }
        }
    }

    /**
     * Calls {@code action} for every zone the accuracy circle lies wholly inside: exactly the zones
     * {@link #forEachNear} visits with {@code whollyInside} true, found from the zones containing the point, without
     * visiting every zone a wide circle touches.
     */
    public void forEachWhollyInside(double lat, double lon, double radiusMetres, Consumer<Zone> action) {
        forEachWhollyInside(lat, lon, radiusMetres, null, action);
    }

    /** {@link #forEachWhollyInside(double, double, double, Consumer)} of the zones serving the device (null: all). */
    public void forEachWhollyInside(double lat, double lon, double radiusMetres, DeviceId device,
                                    Consumer<Zone> action) {
        if (radiusMetres <= settings.nearMetres()) {
            forEachNear(lat, lon, radiusMetres, device, (zone, whollyInside) -> {
                if (whollyInside) {
                    action.accept(zone);
                }
            });
            return;
        }
        for (int level : levelsInUse) {
            long key = grid.keyOf(level, lon, lat);
            long run = runOf(key, level);
            if (run == LongLongHashMap.MISSING) {
                continue;
            }
            for (int e = (int) (run >>> 32), end = (int) run; e < end; e++) {
                long entry = entries[2 * e];
                int z = CellTableBuilder.zoneOf(entry);
                float mark = CellTableBuilder.markOf(entry);
                if (!isHidden(z) && audiences.serves(z, device) && (mark >= radiusMetres || (entryCovers(e, mark, z, key, level, lon, lat)
                        && compiled[z].metrics.distanceToBoundary(lon, lat, radiusMetres) >= radiusMetres))) {
                    action.accept(zones[z]);
                }
            }
        }
    }

    /**
     * Visits the danger zones the accuracy circle touches, exactly as {@link #forEachNear} visits them, without the
     * other zones it touches.
     */
    public void forEachDangerNear(double lat, double lon, double radiusMetres, ProximityVisitor visitor) {
        forEachDangerNear(lat, lon, radiusMetres, null, visitor);
    }

    /** {@link #forEachDangerNear(double, double, double, ProximityVisitor)} of the zones serving the device. */
    public void forEachDangerNear(double lat, double lon, double radiusMetres, DeviceId device,
                                  ProximityVisitor visitor) {
        double dLon = radiusMetres / minMetresPerDegreeLon;
        double dLat = radiusMetres / 110_000;
        dangerEnvelopes.forEachMeeting(lon - dLon, lat - dLat, lon + dLon, lat + dLat, z -> {
            if (!isHidden(z) && audiences.serves(z, device)) {
                classify(z, lat, lon, radiusMetres, visitor);
            }
        });
    }

    /**
     * Whether the accuracy circle touches the zone with this id, as {@link #forEachNear} would say by visiting it,
     * or null when the index does not answer for that zone (absent or hidden).
     */
    public Boolean circleTouches(String zoneId, double lat, double lon, double radiusMetres) {
        Integer z = numbers.get(zoneId);
        if (z == null || isHidden(z)) {
            return null;
        }
        boolean[] touched = new boolean[1];
        classify(z, lat, lon, radiusMetres, (zone, whollyInside) -> touched[0] = true);
        return touched[0];
    }

    /**
     * The distance from the point, in entry e's cell, to zone z's boundary as {@link ZoneMetrics#distanceToBoundary}
     * gives it, as far as comparing it with a radius of at most {@link GridSettings#nearMetres()} needs: the least
     * distance to the edges near the cell (or a value below the radius as soon as one is nearer), infinite when no
     * edge is near. Every other edge is farther than that radius from every point of the cell.
     */
    private double distanceToBoundary(int e, int z, double lon, double lat, double radius) {
        double lon0 = frames[4 * z];
        double lat0 = frames[4 * z + 1];
        double kx = frames[4 * z + 2];
        double ky = frames[4 * z + 3];
        double px = (lon - lon0) * kx;
        double py = (lat - lat0) * ky;
        // squares are compared, and the root taken once: the root is correctly rounded, so monotone, and the least
        // root is the root of the least square; a square below this bound is checked with its root, as before
        double closeSquared = radius * radius * (1 + 1e-9);
        double nearestSquared = Double.POSITIVE_INFINITY;
        long edges = nearEdges[e];
        int start = CellTableBuilder.edgeStart(edges);
        boolean listed = CellTableBuilder.isListed(edges);
        for (int j = 0, count = CellTableBuilder.edgeCount(edges); j < count; j++) {
            int v = 2 * (listed ? nearVertex[start + j] : start + j);
            double squared = ZoneMetrics.segmentDistanceSquared(px, py, (vertexXY[v] - lon0) * kx,
                    (vertexXY[v + 1] - lat0) * ky, (vertexXY[v + 2] - lon0) * kx, (vertexXY[v + 3] - lat0) * ky);
            if (squared < closeSquared) {
                double d = Math.sqrt(squared);
                if (d < radius) {
                    return d;
                }
            }
            nearestSquared = Math.min(nearestSquared, squared);
        }
        return Math.sqrt(nearestSquared);
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
        double d = m.distanceToBoundary(lon, lat, radius);
        if (d < radius) {
            visitor.visit(zones[z], false); // straddling, whether the centre is inside or not
        } else if (m.covers(lon, lat)) {
            visitor.visit(zones[z], true);
        } else if (d == radius) {
            visitor.visit(zones[z], false);
        }
    }

    /**
     * Visits every danger zone the straight segment between two WGS-84 positions touches (the path a child took
     * between two fixes, assuming a straight line).
     */
    public void forEachDangerCrossed(double lat1, double lon1, double lat2, double lon2, Consumer<Zone> action) {
        forEachDangerCrossed(lat1, lon1, lat2, lon2, null, action);
    }

    /** {@link #forEachDangerCrossed(double, double, double, double, Consumer)} of the zones serving the device. */
    public void forEachDangerCrossed(double lat1, double lon1, double lat2, double lon2, DeviceId device,
                                     Consumer<Zone> action) {
        if (Math.hypot((lon2 - lon1) * MAX_METRES_PER_DEGREE_LON, (lat2 - lat1) * MAX_METRES_PER_DEGREE_LAT)
                <= settings.nearMetres()) {
            dangerNear(lat2, lon2, lat1, lon1, device, action);
            return;
        }
        dangerEnvelopes.forEachMeetingSegment(lon1, lat1, lon2, lat2, z -> {
            if (!isHidden(z) && audiences.serves(z, device)
                    && compiled[z].metrics.intersectsSegment(lon1, lat1, lon2, lat2)) {
                action.accept(zones[z]);
            }
        });
    }

    /**
     * The danger zones a segment no longer than the near radius touches, from the cells of its end: every point of
     * the segment is within that radius of the end, so every zone it touches is listed in the end's cells (the cells
     * evaluation of the end fix has just read).
     */
    private void dangerNear(double lat, double lon, double otherLat, double otherLon, DeviceId device,
                            Consumer<Zone> action) {
        for (int level : levelsInUse) {
            long key = grid.keyOf(level, lon, lat);
            long run = runOf(key, level);
            if (run == LongLongHashMap.MISSING) {
                continue;
            }
            for (int e = (int) (run >>> 32), end = (int) run; e < end; e++) {
                int z = CellTableBuilder.zoneOf(entries[2 * e]);
                if (isDanger[z] && !isHidden(z) && audiences.serves(z, device) && compiled[z].metrics.intersectsSegment(otherLon, otherLat, lon, lat)) {
                    action.accept(zones[z]);
                }
            }
        }
    }

    /** How many zones the index finds (those of its tables not hidden). */
    @Override
    public int size() {
        return zones.length - hiddenCount;
    }

    /** How many (cell, zone) entries the grid holds; for sizing reports. */
    public int cellEntries() {
        return entries.length / 2;
    }

    /** How many edges the boundary cells list one by one (not as a run of consecutive edges); for sizing reports. */
    public int cellEdges() {
        return edgeVertex.length;
    }
}
