package org.shouhu.benchmarks.dispatch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * CPU time used by this JVM (dispatcher, alert service and receivers) and by the PostgreSQL backends serving the
 * scratch database. On a shared machine wall-clock figures depend on who else runs; CPU time per message does
 * not, and tells what the dispatch costs and how fast it can go on free cores. Linux only (reads /proc).
 */
final class CpuMeter {

    private final DataSource dataSource;
    private final String database;
    private final long ticksPerSecond = 100;

    CpuMeter(DataSource dataSource, String database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /** A reading: nanoseconds of CPU of this JVM and of the database backends so far. */
    record Reading(long jvmNanos, long databaseNanos) {

        Reading minus(Reading earlier) {
            return new Reading(jvmNanos - earlier.jvmNanos, databaseNanos - earlier.databaseNanos);
        }
    }

    Reading read() throws SQLException {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long ticks = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ticks += backendTicks(rows.getInt(1));
                }
            }
            connection.commit();
        }
        return new Reading(jvm, ticks * 1_000_000_000L / ticksPerSecond);
    }

    /** utime + stime of one process, in clock ticks; 0 when it is gone or unreadable. */
    private static long backendTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
