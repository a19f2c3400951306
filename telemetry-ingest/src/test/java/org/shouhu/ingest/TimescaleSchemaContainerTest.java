package org.shouhu.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.shouhu.protocol.DeviceId;
import org.shouhu.support.db.DatabaseSettings;
import org.shouhu.support.db.Databases;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The TimescaleDB flavour of the schema and the same queries on it. Skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class TimescaleSchemaContainerTest {

    @Container
    private static final PostgreSQLContainer<?> TIMESCALE = new PostgreSQLContainer<>(
            DockerImageName.parse("timescale/timescaledb:latest-pg16").asCompatibleSubstituteFor("postgres"));

    @Test
    void migrations_create_a_compressed_hypertable_and_the_same_queries_work() throws Exception {
        DatabaseSettings settings = new DatabaseSettings(TIMESCALE.getJdbcUrl(), TIMESCALE.getUsername(),
                TIMESCALE.getPassword());
        try (HikariDataSource dataSource = Databases.pool(settings, "timescale-test", 2)) {
            IngestSchema.migrate(dataSource);
            assertThat(IngestSchema.migrate(dataSource)).isEmpty();

            DeviceId device = new DeviceId(861234567890123L);
            Instant fixTime = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO positions VALUES (" + device.imei() + ", 1, '" + fixTime
                        + "', now(), 26.5, 106.7, 5, 1, 1.5, 90, 80, false)");
                try (ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'positions'"
                                + " AND compression_enabled")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
                connection.commit();
            }
            PositionQueries queries = new PositionQueries(dataSource);
            assertThat(queries.latest(device)).hasValueSatisfying(f -> assertThat(f.fix().time()).isEqualTo(fixTime));
            assertThat(queries.count(device, fixTime, fixTime.plusSeconds(1))).isEqualTo(1);
            assertThat(IngestSchema.maintainPartitions(dataSource, Instant.now(), 3, Duration.ofDays(90))).isEmpty();
        }
    }
}
