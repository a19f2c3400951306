package org.shouhu.ingest.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.embedded.TestServices;
import org.shouhu.ingest.IngestSchema;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.Topics;
import org.shouhu.support.db.Databases;

/**
 * What writing a batch of positions costs, per 1,000 fixes: CPU time of the database backend (read from
 * {@code /proc}, so PostgreSQL must run on this machine), CPU time of the writing thread, WAL bytes and wall time,
 * for batches of the given size over a fleet of the given size (each batch holds fixes of distinct wristbands, each
 * newer than the last, as a live fleet sends them). CPU time rather than wall time, so that the figures hold on a
 * busy machine. Prints; asserts nothing. Run with the test services' environment variables set:
 * {@code java -cp <test classpath> org.shouhu.ingest.internal.BatchWriteCost [fixes] [batch] [devices] [path]}, path
 * {@code direct} (the default: as a lane writes a batch the first time, straight into positions when no duplicate
 * is expected) or {@code staging} (always through the staging table).
 */
public final class BatchWriteCost {

    private static final long CLOCK_TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

    private BatchWriteCost() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int devices = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        boolean direct = args.length <= 3 || switch (args[3]) {
            case "direct" -> true;
            case "staging" -> false;
            default -> throw new IllegalArgumentException("path must be direct or staging: " + args[3]);
        };
        RecentKeys recent = direct ? new RecentKeys(BatchWriter.RECENT_KEYS) : null;
        try (HikariDataSource dataSource = Databases.pool(TestServices.freshDatabase(), "batch-write-cost", 1)) {
            IngestSchema.migrate(dataSource);
            try (Connection connection = dataSource.getConnection()) {
                StagingCopy.createTable(connection);
                Fleet fleet = new Fleet(devices, Instant.now().minus(1, ChronoUnit.HOURS));
                // Warm-up: every device gets its device_latest row, the JIT and the plan caches settle.
                run(connection, fleet, Math.max(devices, 20_000), batchSize, recent);
                for (int round = 0; round < 3; round++) {
                    Cost cost = run(connection, fleet, total, batchSize, recent);
                    System.out.printf("%,d fixes in batches of %d over %,d devices, %d of %d batches straight into"
                                    + " positions: database %.1f ms, writer thread"
                                    + " %.1f ms CPU per 1,000 fixes; WAL %,.0f bytes per fix; %,.0f fixes/s%n",
                            total, batchSize, devices, cost.directBatches, cost.batches,
                            cost.backendNanos / 1e6 / (total / 1000.0),
                            cost.threadNanos / 1e6 / (total / 1000.0), (double) cost.walBytes / total,
                            total / (cost.wallNanos / 1e9));
                }
            }
        }
    }

    private record Cost(long backendNanos, long threadNanos, long walBytes, long wallNanos, int batches,
                        int directBatches) {
    }

    private static Cost run(Connection connection, Fleet fleet, int total, int batchSize, RecentKeys recent)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int backend = backendPid(connection);
        long walBefore = walPosition(connection);
        long backendBefore = cpuNanos(backend);
        long threadBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        int batches = 0;
        int direct = 0;
        for (int written = 0; written < total; written += batchSize) {
            batches++;
            direct += BatchTransaction.write(connection, fleet.next(Math.min(batchSize, total - written)),
                    StagingCopy.Format.BINARY, recent).direct() ? 1 : 0;
        }
        long wall = System.nanoTime() - start;
        long thread = threads.getCurrentThreadCpuTime() - threadBefore;
        long backendCpu = cpuNanos(backend) - backendBefore;
        return new Cost(backendCpu, thread, walPosition(connection) - walBefore, wall, batches, direct);
    }

    /** Wristbands taking turns, each fix a second newer than the wristband's previous one. */
    private static final class Fleet {
        private final int devices;
        private final Instant base;
        private long next;

        Fleet(int devices, Instant base) {
            this.devices = devices;
            this.base = base;
        }

        List<Classified> next(int count) {
            List<Classified> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++, next++) {
                DeviceId device = new DeviceId(860_000_000_000_000L + next % devices);
                long sequence = next / devices;
                Instant time = base.plusMillis(next);
                PositionReport report = new PositionReport(device, sequence,
                        new Fix(time, 26.5 + (next % 1000) * 1e-5, 106.7, 10, FixSource.GNSS, 1.0, 90.0), 80);
                batch.add(new Classified.Accepted(new InboundMessage(Topics.uplink(device, MessageType.POSITION),
                        new byte[0], time.plusMillis(500), () -> { }), report));
            }
            return batch;
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            int pid = rows.getInt(1);
            connection.commit();
            return pid;
        }
    }

    private static long walPosition(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_current_wal_lsn() - '0/0'")) {
            rows.next();
            long lsn = rows.getLong(1);
            connection.commit();
            return lsn;
        }
    }

    /** User plus system CPU time of a process, from fields 14 and 15 of {@code /proc/<pid>/stat}. */
    private static long cpuNanos(int pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * CLOCK_TICK_NANOS;
    }
}
