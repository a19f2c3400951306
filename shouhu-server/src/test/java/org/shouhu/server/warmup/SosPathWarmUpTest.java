package org.shouhu.server.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.server.ShouhuConfig;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.Wristband;
import org.shouhu.support.db.Databases;
import org.shouhu.support.db.SchemaMigrator;

/**
 * The start-up warm-up runs the raise of an SOS against the real database and leaves nothing behind: no alert, no
 * trigger, no audit event, no outbox row, no request to any receiver. A server that warmed up raises and delivers
 * the first real press as usual.
 */
class SosPathWarmUpTest {

    @Test
    void warm_up_runs_every_step_against_the_database_and_leaves_no_trace(@TempDir Path directory) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (Platform platform = new Platform();
             HikariDataSource pool = Databases.pool(platform.database, "warm-up-test", 4)) {
            new SchemaMigrator(pool, SosPathWarmUpTest.class.getClassLoader()).migrate("directory");
            new SchemaMigrator(pool, SosPathWarmUpTest.class.getClassLoader()).migrate("alerts");
            ShouhuConfig config = ShouhuConfig.from(platform.serverSettings(directory, 0));

            SosPathWarmUp.Result result = new SosPathWarmUp(vertx, pool, config.alerts(), Clock.systemUTC()).run();

            assertThat(result.failed()).isEmpty();
            assertThat(platform.count("SELECT count(*) FROM pg_sequences WHERE sequencename = "
                    + "'alert_outbox_id_seq' AND last_value IS NOT NULL")).as("outbox rows were written").isEqualTo(1);
            for (String table : new String[] {"alerts", "alert_triggers", "alert_events", "alert_outbox"}) {
                assertThat(platform.count("SELECT count(*) FROM " + table)).as(table).isZero();
            }
            assertThat(platform.receiver.requests()).isEmpty();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_server_that_warmed_up_delivers_the_first_press(@TempDir Path directory) throws Exception {
        try (Platform platform = new Platform()) {
            ShouhuServer server = ShouhuServer.start(ShouhuConfig.from(platform.serverSettings(directory, 0)))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            try (Wristband wristband = new Wristband(platform.brokerUrl, platform.device)) {
                wristband.sos(27.12, 105.22);
                platform.receiver.awaitRequest(request -> request.path().equals("/police/south")
                        && request.body().contains(platform.device.toString()), Duration.ofSeconds(15));
                assertThat(platform.count("SELECT count(*) FROM alerts WHERE device_id = ?",
                        SosPathWarmUp.DEVICE.imei())).isZero();
                assertThat(platform.receiver.requests()).noneMatch(request ->
                        request.body().contains(SosPathWarmUp.DEVICE.toString()));
            } finally {
                server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
