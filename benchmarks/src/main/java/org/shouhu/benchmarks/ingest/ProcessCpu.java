package org.shouhu.benchmarks.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * CPU time of the three parties of a run: this JVM (the publishers, and the plain subscriber or the ingest service),
 * the broker (the given process, or every process named {@code mosquitto} on the machine) and the PostgreSQL
 * backends serving the scratch database. It says where each run's work goes; on a shared machine it also rises
 * with contention (context switches, cold caches), less than wall-clock rates fall. Linux only (reads /proc); a
 * party that cannot be read counts as zero.
 */
final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used so far by each party. */
    record Reading(long jvmNanos, long brokerNanos, long databaseNanos) {

        Reading minus(Reading earlier) {
            return new Reading(jvmNanos - earlier.jvmNanos, brokerNanos - earlier.brokerNanos,
                    databaseNanos - earlier.databaseNanos);
        }

        /** Milliseconds of CPU per 1,000 messages, per party. */
        String perThousand(long messages) {
            double scale = 1e6 * messages / 1000.0;
            return String.format("CPU per 1,000 msgs: JVM %.0f ms, broker %.0f ms, PostgreSQL %.0f ms",
                    jvmNanos / scale, brokerNanos / scale, databaseNanos / scale);
        }
    }

    /**
     * A reading without database backends (the broker-alone run).
     *
     * @param brokerPid the broker's process id, 0 for every {@code mosquitto} process
     */
    static Reading read(long brokerPid) {
        return new Reading(jvmNanos(), brokerNanos(brokerPid), 0);
    }

    /** A reading including the backends connected to {@code database}, found through {@code dataSource}. */
    static Reading read(long brokerPid, DataSource dataSource, String database) throws SQLException {
        long ticks = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ticks += ticks(Path.of("/proc", Integer.toString(rows.getInt(1)))).orElse(0L);
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        return new Reading(jvmNanos(), brokerNanos(brokerPid), ticks * NANOS_PER_TICK);
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long brokerNanos(long brokerPid) {
        if (brokerPid > 0) {
            return ticks(Path.of("/proc", Long.toString(brokerPid))).orElse(0L) * NANOS_PER_TICK;
        }
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).strip().equals("mosquitto")) {
                        ticks += ticks(process).orElse(0L);
                    }
                } catch (IOException e) {
                    // the process ended while the directory was read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** utime + stime of one process, in clock ticks. */
    private static Optional<Long> ticks(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
