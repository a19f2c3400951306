package org.shouhu.ingest.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.embedded.TestServices;
import org.shouhu.ingest.IngestSchema;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.MessageType;
import org.shouhu.support.db.Databases;

/**
 * Measures the COPY write path alone (staging COPY, insert with conflict check, device_latest upsert, commit), in
 * rows per second, for the binary and the text COPY format. Prints; asserts nothing. Run with
 * {@code mvn -pl telemetry-ingest exec:java} or from an IDE, with the test services' environment variables set:
 * {@code java ... org.shouhu.ingest.internal.CopyThroughput [rows] [batch]}.
 */
public final class CopyThroughput {

    private CopyThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        try (HikariDataSource dataSource = Databases.pool(TestServices.freshDatabase(), "copy-throughput", 1)) {
            IngestSchema.migrate(dataSource);
            // Warm-up, then one measured run per format; devices differ per run so every row is new.
            run(dataSource, StagingCopy.Format.BINARY, 20_000, batchSize, 1);
            run(dataSource, StagingCopy.Format.TEXT, 20_000, batchSize, 2);
            for (int round = 0; round < 2; round++) {
                report(StagingCopy.Format.BINARY, total, batchSize,
                        run(dataSource, StagingCopy.Format.BINARY, total, batchSize, 10 + round * 2));
                report(StagingCopy.Format.TEXT, total, batchSize,
                        run(dataSource, StagingCopy.Format.TEXT, total, batchSize, 11 + round * 2));
            }
        }
    }

    private static void report(StagingCopy.Format format, int total, int batchSize, long nanos) {
        System.out.printf("%-6s %,d rows in batches of %d: %.0f ms, %,.0f rows/s%n", format, total, batchSize,
                nanos / 1e6, total / (nanos / 1e9));
    }

    private static long run(HikariDataSource dataSource, StagingCopy.Format format, int total, int batchSize,
                            int runId) throws Exception {
        Instant base = Instant.now().minusSeconds(3600);
        int devices = 1000;
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            StagingCopy.createTable(connection);
            for (int offset = 0; offset < total; offset += batchSize) {
                List<Classified> batch = new ArrayList<>(batchSize);
                for (int i = offset; i < Math.min(total, offset + batchSize); i++) {
                    DeviceId device = new DeviceId(runId * 1_000_000L + i % devices);
                    PositionReport report = new PositionReport(device, i / devices,
                            new Fix(base.plusMillis(i), 26.5 + (i % 1000) * 1e-5, 106.7, 10, FixSource.GNSS, 1.0,
                                    90.0), 80);
                    batch.add(new Classified.Accepted(new InboundMessage(Topics.uplink(device, MessageType.POSITION),
                            new byte[0], base.plusMillis(i), () -> { }), report));
                }
                BatchTransaction.write(connection, batch, format);
            }
        }
        return System.nanoTime() - start;
    }
}
