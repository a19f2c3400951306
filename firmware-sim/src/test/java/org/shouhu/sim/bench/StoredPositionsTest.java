package org.shouhu.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.shouhu.support.db.DatabaseSettings;

class StoredPositionsTest {

    @Test
    void counts_rows_committed_into_any_partition_of_positions() throws Exception {
        DatabaseSettings settings = PositionsTable.freshDatabaseWithPositions();
        try (Connection db = PositionsTable.connect(settings)) {
            StoredPositions stored = new StoredPositions(db);
            long before = stored.inserted();

            // The writer disconnects afterwards: an idle backend would publish its statistics only after 10 s.
            try (Connection writer = PositionsTable.connect(settings)) {
                byte[] batch = CopyBaseline.batch(300, 30, 0, new SplittableRandom(2));
                writer.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY positions FROM STDIN (FORMAT binary)", new ByteArrayInputStream(batch));
                try (Statement statement = writer.createStatement()) {
                    // A very late upload lands in the default partition.
                    statement.execute("INSERT INTO positions VALUES (860000000000001, 1, '2001-01-01Z', now(), 27.3, "
                            + "105.3, 10, 1, 0, 0, 50, true)");
                }
            }

            long deadline = System.nanoTime() + 10_000_000_000L;
            while (stored.inserted() - before < 301 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(stored.inserted() - before).isEqualTo(301);
        }
    }
}
