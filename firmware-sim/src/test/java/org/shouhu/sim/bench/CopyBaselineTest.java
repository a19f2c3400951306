package org.shouhu.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class CopyBaselineTest {

    private static Connection db;

    @BeforeAll
    static void database() throws Exception {
        db = PositionsTable.connect(PositionsTable.freshDatabaseWithPositions());
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @Test
    void binary_rows_are_accepted_by_the_positions_shape_with_plausible_values() throws Exception {
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE copy_check (LIKE positions INCLUDING ALL)");
        }
        byte[] batch = CopyBaseline.batch(250, 100, 0, new SplittableRandom(1));
        long copied = db.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY copy_check FROM STDIN (FORMAT binary)", new ByteArrayInputStream(batch));

        assertThat(copied).isEqualTo(250);
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT count(DISTINCT device_id), min(lat), max(lat), min(lon), max(lon),
                            max(abs(extract(epoch FROM now() - fix_time))), bool_or(late)
                     FROM copy_check""")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(100);
            assertThat(rows.getDouble(2)).isBetween(26.8, 27.8);
            assertThat(rows.getDouble(3)).isBetween(26.8, 27.8);
            assertThat(rows.getDouble(4)).isBetween(104.8, 105.8);
            assertThat(rows.getDouble(5)).isBetween(104.8, 105.8);
            assertThat(rows.getDouble(6)).as("fix times are now").isLessThan(60);
            assertThat(rows.getBoolean(7)).isFalse();
        }
    }

    @Test
    void measures_committed_rows_per_second_and_drops_its_scratch_table() throws Exception {
        Rate rate = new CopyBaseline(db).measure(Duration.ofMillis(500), 1_000, 500);

        assertThat(rate.count()).isPositive().isEqualTo(rate.count() / 1_000 * 1_000);
        assertThat(rate.perSecond()).isPositive();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT to_regclass('" + CopyBaseline.TABLE + "')")) {
            rows.next();
            assertThat(rows.getString(1)).isNull();
        }
    }
}
