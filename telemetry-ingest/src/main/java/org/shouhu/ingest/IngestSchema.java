package org.shouhu.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.util.PGInterval;
import org.shouhu.support.db.SchemaMigrator;

/**
 * The telemetry schema: versioned migrations (module {@value #MODULE}) and the periodic maintenance of time
 * partitions. On TimescaleDB {@code positions} is a hypertable with compression and retention policies; on plain
 * PostgreSQL it is range-partitioned by day. Names and columns are the same on both. Thread-safe.
 */
public final class IngestSchema {

    /** The migration module name: resources under {@code db/migration/telemetry/}. */
    public static final String MODULE = "telemetry";

    private IngestSchema() {
    }

    /** Applies pending migrations; a no-op when the schema is current. */
    public static List<SchemaMigrator.AppliedMigration> migrate(DataSource dataSource) {
        return new SchemaMigrator(dataSource, IngestSchema.class.getClassLoader()).migrate(MODULE);
    }

    /** One change made by {@link #maintainPartitions}. */
    public record PartitionChange(Action action, String partition) {
        public enum Action { CREATED, DROPPED }
    }

    /**
     * Creates daily partitions from yesterday to {@code daysAhead} days after {@code now} and drops those wholly
     * older than {@code retention} (plain PostgreSQL); keeps the retention policy equal to {@code retention}
     * (TimescaleDB); trims the status history on both. Idempotent; call it periodically (hourly is plenty).
     *
     * @return the partitions created and dropped (always empty on TimescaleDB, which manages chunks itself)
     */
    public static List<PartitionChange> maintainPartitions(DataSource dataSource, Instant now, int daysAhead,
                                                           Duration retention) throws SQLException {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(retention, "retention");
        List<PartitionChange> changes = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement call = connection.prepareStatement(
                     "SELECT action, partition_name FROM telemetry_maintain_partitions(?, ?, ?)")) {
            call.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            call.setInt(2, daysAhead);
            call.setObject(3, new PGInterval(0, 0, 0, 0, 0, retention.toSeconds()));
            try (ResultSet rows = call.executeQuery()) {
                while (rows.next()) {
                    changes.add(new PartitionChange(
                            PartitionChange.Action.valueOf(rows.getString(1).toUpperCase(java.util.Locale.ROOT)),
                            rows.getString(2)));
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        return changes;
    }

    /** {@link #maintainPartitions(DataSource, Instant, int, Duration)} with the configured horizon and retention. */
    public static List<PartitionChange> maintainPartitions(DataSource dataSource, Instant now, IngestConfig config)
            throws SQLException {
        return maintainPartitions(dataSource, now, config.partitionsAhead(), config.retention());
    }
}
