package org.shouhu.benchmarks;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneLocator;
import org.shouhu.geofence.ZoneLocators;

/**
 * The same containment workload done the way a user would otherwise do it: the prefecture's zones in a PostGIS table
 * with a GiST index, and {@code ST_Contains} queries over plain JDBC. Measures two ways of asking: one prepared query
 * per fix (what a per-message consumer does), and one set-based query per batch of fixes (what a batch job does).
 * Then runs the engine's grid index on the same fixes in the same process and prints each PostGIS figure as a ratio.
 * Parallel query workers are off, so PostgreSQL, like the grid, uses one core.
 *
 * <p>Needs PostgreSQL with PostGIS; creates the scratch database {@code geobench} (never touches another). Run:
 * {@code java -cp benchmarks/target-geo/benchmarks.jar org.shouhu.benchmarks.PostgisComparison
 * [jdbc:postgresql://127.0.0.1:5432/ user] [zones] [fixes]}
 */
public final class PostgisComparison {

    private static final String DATABASE = "geobench";
    private static final int BATCH = 10_000;

    private PostgisComparison() {
    }

    public static void main(String[] args) throws Exception {
        String server = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/";
        String user = args.length > 1 ? args[1] : "postgres";
        int zoneCount = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int fixCount = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        PrefectureWorkload workload = new PrefectureWorkload(20261123L, zoneCount);
        double[][] fixes = workload.fixes(7L, fixCount);
        createDatabase(server, user);
        try (Connection db = DriverManager.getConnection(server + DATABASE, user, "")) {
            load(db, workload.zones());
            try (Statement s = db.createStatement()) {
                s.execute("SET max_parallel_workers_per_gather = 0");
            }
            perFix(db, fixes, Math.min(fixCount, 5_000)); // warm-up: index and table pages into the cache
            double perFix = perFix(db, fixes, fixCount);
            setBased(db, fixes, BATCH); // warm-up
            double setBased = setBased(db, fixes, fixCount);
            double grid = grid(workload, fixes);
            System.out.printf("PostGIS ST_Contains, one prepared query per fix:  %,12.0f fixes/s%n", perFix);
            System.out.printf("PostGIS ST_Contains, set-based, %,d fixes a query: %,12.0f fixes/s%n", BATCH, setBased);
            System.out.printf("grid index, same fixes, one core (CPU time):      %,12.0f fixes/s%n", grid);
            System.out.printf("grid / PostGIS per fix: %,.0f x    grid / PostGIS set-based: %,.0f x%n",
                    grid / perFix, grid / setBased);
        }
    }

    private static void createDatabase(String server, String user) throws SQLException {
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
             Statement s = admin.createStatement();
             ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    /** (Re)creates the zones table from the workload with COPY, then the GiST index. */
    private static void load(Connection db, List<Zone> zones) throws Exception {
        long start = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            s.execute("DROP TABLE IF EXISTS zones");
            s.execute("CREATE TABLE zones (id integer PRIMARY KEY, geom geometry(Geometry, 4326) NOT NULL)");
        }
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < zones.size(); i++) {
            rows.append(i).append("\tSRID=4326;").append(zones.get(i).area().toText()).append('\n');
        }
        ((PGConnection) db).getCopyAPI().copyIn("COPY zones (id, geom) FROM STDIN", new StringReader(rows.toString()));
        try (Statement s = db.createStatement()) {
            s.execute("CREATE INDEX zones_geom ON zones USING gist (geom)");
            s.execute("VACUUM ANALYZE zones");
        }
        System.out.printf("loaded %,d zones and built the GiST index in %.1f s%n", zones.size(),
                (System.nanoTime() - start) / 1e9);
    }

    private static double perFix(Connection db, double[][] fixes, int count) throws SQLException {
        long found = 0;
        long start = System.nanoTime();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT id FROM zones WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))")) {
            for (int i = 0; i < count; i++) {
                query.setDouble(1, fixes[1][i]);
                query.setDouble(2, fixes[0][i]);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found++;
                    }
                }
            }
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf("  per fix: %,d fixes, %,d containing zones found%n", count, found);
        return rate;
    }

    private static double setBased(Connection db, double[][] fixes, int count) throws SQLException {
        long found = 0;
        long start = System.nanoTime();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT f.n, z.id FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS f(lon, lat, n) "
                        + "JOIN zones z ON ST_Contains(z.geom, ST_SetSRID(ST_MakePoint(f.lon, f.lat), 4326))")) {
            for (int from = 0; from < count; from += BATCH) {
                int to = Math.min(count, from + BATCH);
                Double[] lons = new Double[to - from];
                Double[] lats = new Double[to - from];
                for (int i = from; i < to; i++) {
                    lons[i - from] = fixes[1][i];
                    lats[i - from] = fixes[0][i];
                }
                Array lonArray = db.createArrayOf("float8", lons);
                Array latArray = db.createArrayOf("float8", lats);
                query.setArray(1, lonArray);
                query.setArray(2, latArray);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found++;
                    }
                }
            }
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        System.out.printf("  set-based: %,d fixes, %,d containing zones found%n", count, found);
        return rate;
    }

    /** The grid on the same fixes, in fixes per second of this thread's CPU time. */
    private static double grid(PrefectureWorkload workload, double[][] fixes) {
        ZoneLocator grid = ZoneLocators.grid(workload.zones());
        var threads = ManagementFactory.getThreadMXBean();
        long[] found = new long[1];
        int n = fixes[0].length;
        for (int round = 0; round < 20; round++) { // warm-up
            for (int i = 0; i < n; i++) {
                grid.forEachContaining(fixes[0][i], fixes[1][i], zone -> found[0]++);
            }
        }
        found[0] = 0;
        long cpu = threads.getCurrentThreadCpuTime();
        int rounds = 40;
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < n; i++) {
                grid.forEachContaining(fixes[0][i], fixes[1][i], zone -> found[0]++);
            }
        }
        double rate = (double) rounds * n / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9);
        System.out.printf("  grid: %,d fixes, %,d containing zones found%n", n, found[0] / rounds);
        return rate;
    }
}
