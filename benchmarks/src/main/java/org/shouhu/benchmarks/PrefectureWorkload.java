package org.shouhu.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.shouhu.geofence.DangerKind;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneShape;
import org.shouhu.protocol.DeviceId;

/**
 * A seeded, prefecture-sized world: zones spread over 200 km x 200 km around Guiyang, clustered in villages the way
 * homes and schools are, each of about 50 vertices: 70 % homes (circles of 40-120 m as 48-gons), 20 % schools
 * (irregular 50-gons of 120-350 m), 10 % danger strips (river reaches and roads, 30-80 m wide, 0.5-3 km long).
 * Fixes follow the realistic mix: 55 % inside a home or school, 25 % near one (within 1.5 radii), 20 % anywhere.
 * Deterministic for a seed. Home zone i serves two siblings, devices {@code device(i)} and
 * {@code device(i + homes())}.
 */
public final class PrefectureWorkload {

    public static final double CENTRE_LAT = 26.6;
    public static final double CENTRE_LON = 106.7;
    private static final double M_LAT = 1 / 110_800.0;
    private static final double M_LON = 1 / (111_320 * Math.cos(Math.toRadians(CENTRE_LAT)));
    private static final double HALF_SIZE_METRES = 100_000;
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private final List<Zone> zones = new ArrayList<>();
    /** Centre and radius in metres of each home and school, for placing fixes. */
    private final List<double[]> places = new ArrayList<>();
    private final int homes;

    public PrefectureWorkload(long seed, int zoneCount) {
        Random random = new Random(seed);
        int villages = Math.max(1, zoneCount / 50);
        double[][] village = new double[villages][];
        for (int v = 0; v < villages; v++) {
            village[v] = new double[] {uniform(random, HALF_SIZE_METRES), uniform(random, HALF_SIZE_METRES)};
        }
        int homeCount = zoneCount * 7 / 10;
        int schoolCount = zoneCount * 2 / 10;
        this.homes = homeCount;
        for (int i = 0; i < zoneCount; i++) {
            double[] v = village[random.nextInt(villages)];
            if (i < homeCount) {
                double north = v[0] + uniform(random, 1_500);
                double east = v[1] + uniform(random, 1_500);
                double radius = 40 + random.nextDouble() * 80;
                Set<DeviceId> siblings = Set.of(device(i), device(i + homeCount));
                zones.add(zone("home-" + i, ZoneKind.HOME, null, siblings, star(random, north, east, radius, 48, 0)));
                places.add(new double[] {north, east, radius});
            } else if (i < homeCount + schoolCount) {
                double north = v[0] + uniform(random, 3_000);
                double east = v[1] + uniform(random, 3_000);
                double radius = 120 + random.nextDouble() * 230;
                zones.add(zone("school-" + i, ZoneKind.SCHOOL, null, Set.of(), star(random, north, east, radius, 50, 0.25)));
                places.add(new double[] {north, east, radius});
            } else {
                double north = uniform(random, HALF_SIZE_METRES);
                double east = uniform(random, HALF_SIZE_METRES);
                DangerKind kind = random.nextInt(3) == 0 ? DangerKind.ROAD : DangerKind.WATER;
                zones.add(zone("danger-" + i, ZoneKind.DANGER, kind, Set.of(), strip(random, north, east)));
            }
        }
    }

    /** The device a home zone index serves. */
    public static DeviceId device(int index) {
        return new DeviceId(861_000_000_000_000L + index);
    }

    public List<Zone> zones() {
        return zones;
    }

    public int homes() {
        return homes;
    }

    /** {@code count} fix positions of the realistic mix, as {lat[], lon[]}. */
    public double[][] fixes(long seed, int count) {
        Random random = new Random(seed);
        double[] lats = new double[count];
        double[] lons = new double[count];
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            double north;
            double east;
            if (kind < 80) {
                double[] place = places.get(random.nextInt(places.size()));
                double r = place[2] * (kind < 55 ? 0.9 * Math.sqrt(random.nextDouble()) : 0.9 + 0.6 * random.nextDouble());
                double angle = random.nextDouble() * 2 * Math.PI;
                north = place[0] + r * Math.sin(angle);
                east = place[1] + r * Math.cos(angle);
            } else {
                north = uniform(random, HALF_SIZE_METRES);
                east = uniform(random, HALF_SIZE_METRES);
            }
            lats[i] = CENTRE_LAT + north * M_LAT;
            lons[i] = CENTRE_LON + east * M_LON;
        }
        return new double[][] {lats, lons};
    }

    /**
     * Positions of device {@code index} in the order it reports them: 70 % at or just around its home (within 1.2
     * radii), 30 % walking about its village (within 1.5 km of home), so consecutive fixes are a plausible walk.
     */
    public double[][] deviceFixes(int index, Random random, int count) {
        double[] home = places.get(index % homes);
        double[] lats = new double[count];
        double[] lons = new double[count];
        for (int k = 0; k < count; k++) {
            double r = random.nextInt(10) < 7 ? home[2] * 1.2 * Math.sqrt(random.nextDouble())
                    : 1_500 * Math.sqrt(random.nextDouble());
            double angle = random.nextDouble() * 2 * Math.PI;
            lats[k] = CENTRE_LAT + (home[0] + r * Math.sin(angle)) * M_LAT;
            lons[k] = CENTRE_LON + (home[1] + r * Math.cos(angle)) * M_LON;
        }
        return new double[][] {lats, lons};
    }

    private static Zone zone(String id, ZoneKind kind, DangerKind dangerKind, Set<DeviceId> children, Geometry area) {
        return new Zone(id, id, kind, dangerKind, children, new ZoneShape.Area(area), Zone.DEFAULT_TIME_ZONE);
    }

    private static double uniform(Random random, double half) {
        return (random.nextDouble() * 2 - 1) * half;
    }

    /** A star-shaped polygon around a point (offsets in metres), radii varying by up to {@code irregularity}. */
    private static Geometry star(Random random, double north, double east, double radius, int vertices,
                                 double irregularity) {
        Coordinate[] ring = new Coordinate[vertices + 1];
        for (int k = 0; k < vertices; k++) {
            double angle = 2 * Math.PI * k / vertices;
            double r = radius * (1 - irregularity * random.nextDouble());
            ring[k] = coordinate(north + r * Math.sin(angle), east + r * Math.cos(angle));
        }
        ring[vertices] = ring[0];
        return FACTORY.createPolygon(ring);
    }

    /** A gently bending strip, 25 vertices along each side. */
    private static Geometry strip(Random random, double north, double east) {
        double length = 500 + random.nextDouble() * 2_500;
        double halfWidth = 15 + random.nextDouble() * 25;
        double heading = random.nextDouble() * Math.PI;
        double amplitude = length * 0.03 * random.nextDouble();
        int perSide = 25;
        Coordinate[] ring = new Coordinate[2 * perSide + 1];
        for (int k = 0; k < perSide; k++) {
            double along = -length / 2 + length * k / (perSide - 1);
            double across = amplitude * Math.sin(2 * Math.PI * k / (perSide - 1));
            ring[k] = rotate(north, east, along, across + halfWidth, heading);
            ring[2 * perSide - 1 - k] = rotate(north, east, along, across - halfWidth, heading);
        }
        ring[2 * perSide] = ring[0];
        Geometry polygon = FACTORY.createPolygon(ring);
        return polygon.isValid() ? polygon : polygon.convexHull();
    }

    private static Coordinate rotate(double north, double east, double along, double across, double heading) {
        double n = north + along * Math.sin(heading) + across * Math.cos(heading);
        double e = east + along * Math.cos(heading) - across * Math.sin(heading);
        return coordinate(n, e);
    }

    private static Coordinate coordinate(double north, double east) {
        return new Coordinate(CENTRE_LON + east * M_LON, CENTRE_LAT + north * M_LAT);
    }
}
