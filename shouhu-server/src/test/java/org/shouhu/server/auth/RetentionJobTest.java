package org.shouhu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shouhu.embedded.TestServices;
import org.shouhu.support.db.Databases;
import org.shouhu.support.db.SchemaMigrator;

/** The retention job against the real schema: what is old enough goes, everything else stays. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionJobTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AccessConfig CONFIG = new AccessConfig(4, Duration.ofHours(1), "admin", Optional.empty(),
            Duration.ofDays(365), Duration.ofDays(730), Duration.ofHours(1), 5, Duration.ofMinutes(15));

    private HikariDataSource pool;
    private RetentionJob job;

    @BeforeAll
    void migrate() {
        pool = Databases.pool(TestServices.freshDatabase(), "retention-test", 2);
        new SchemaMigrator(pool, RetentionJobTest.class.getClassLoader()).migrate("directory");
        new SchemaMigrator(pool, RetentionJobTest.class.getClassLoader()).migrate("alerts");
        new SchemaMigrator(pool, RetentionJobTest.class.getClassLoader()).migrate("access");
        job = new RetentionJob(pool, CLOCK, CONFIG, new AccessLog(pool, CLOCK),
                new TokenService(pool, CLOCK, CONFIG.tokenTtl()),
                new SignInThrottle(pool, CLOCK, CONFIG.signInMaxFailures(), CONFIG.signInLockout()));
    }

    @AfterAll
    void close() {
        pool.close();
    }

    @Test
    void deletes_closed_alerts_past_retention_with_their_trail_and_keeps_open_and_recent_ones() throws Exception {
        UUID oldResolved = alert("RESOLVED", NOW.minus(Duration.ofDays(400)), 1);
        UUID oldExpired = alert("EXPIRED", NOW.minus(Duration.ofDays(366)), 2);
        UUID oldButOpen = alert("ACKNOWLEDGED", NOW.minus(Duration.ofDays(500)), 3);
        UUID recentResolved = alert("RESOLVED", NOW.minus(Duration.ofDays(300)), 4);

        RetentionJob.Pruned pruned = job.prune();

        assertThat(pruned.alerts()).isEqualTo(2);
        assertThat(exists(oldResolved)).isFalse();
        assertThat(exists(oldExpired)).isFalse();
        assertThat(exists(oldButOpen)).isTrue();
        assertThat(exists(recentResolved)).isTrue();
        assertThat(count("SELECT count(*) FROM alert_events WHERE alert_id = ?", oldResolved)).isZero();
        assertThat(count("SELECT count(*) FROM alert_triggers WHERE alert_id = ?", oldResolved)).isZero();
        assertThat(count("SELECT count(*) FROM alert_events WHERE alert_id = ?", oldButOpen)).isEqualTo(1);
    }

    @Test
    void deletes_access_log_rows_past_their_retention_and_expired_tokens() throws Exception {
        execute("INSERT INTO access_log (at, username, role, action, child_id, allowed) VALUES "
                + "(?, 'old.reader', 'guardian', 'child.position', 'c-1', true), "
                + "(?, 'new.reader', 'guardian', 'child.position', 'c-1', true)",
                utc(NOW.minus(Duration.ofDays(731))), utc(NOW.minus(Duration.ofDays(700))));
        AccountStore accounts = new AccountStore(pool, new PasswordHasher(4));
        accounts.create(NewAccount.guardian("token.holder", "Holder", "long enough password", "g-1"));
        Principal holder = new Principal.GuardianAccount("token.holder", "g-1");
        new TokenService(pool, Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC), Duration.ofHours(1))
                .issue(holder);
        IssuedToken live = new TokenService(pool, CLOCK, Duration.ofHours(1)).issue(holder);

        RetentionJob.Pruned pruned = job.prune();

        assertThat(pruned.accessLogRows()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM access_log WHERE username = ?", "old.reader")).isZero();
        assertThat(count("SELECT count(*) FROM access_log WHERE username = ?", "new.reader")).isEqualTo(1);
        assertThat(pruned.tokens()).isEqualTo(1);
        assertThat(new TokenService(pool, CLOCK, Duration.ofHours(1)).resolve(live.token())).contains(holder);
    }

    @Test
    void deletes_sign_in_failure_counts_whose_window_has_passed() throws Exception {
        new SignInThrottle(pool, Clock.fixed(NOW.minus(Duration.ofHours(1)), ZoneOffset.UTC), 5,
                Duration.ofMinutes(15)).attempt("old.guesser", "10.9.0.1");
        new SignInThrottle(pool, CLOCK, 5, Duration.ofMinutes(15)).attempt("new.guesser", "10.9.0.2");

        RetentionJob.Pruned pruned = job.prune();

        assertThat(pruned.signInFailures()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM sign_in_failures WHERE subject = ?", "old.guesser")).isZero();
        assertThat(count("SELECT count(*) FROM sign_in_failures WHERE subject = ?", "new.guesser")).isEqualTo(1);
    }

    @Test
    void retention_shorter_than_the_positions_is_refused_at_start_up() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> CONFIG.checkOutlives(Duration.ofDays(400)));

        assertThat(refused.getMessage()).contains(AccessConfig.ALERT_RETENTION).contains("ingest.retention");
    }

    private UUID alert(String state, Instant raisedAt, long device) throws SQLException {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO alerts (id, kind, device_id, scope_key, state, child_id, child_name, occurred_at, "
                + "raised_at, late, battery_percent, outside_jurisdiction) VALUES (?, 'SOS', ?, '', ?, 'c-1', "
                + "'Child', ?, ?, false, 50, false)", id, device, state, utc(raisedAt), utc(raisedAt));
        execute("INSERT INTO alert_triggers (device_id, trigger_key, alert_id, received_at) VALUES (?, ?, ?, ?)",
                device, "sos:" + device, id, utc(raisedAt));
        execute("INSERT INTO alert_events (alert_id, at, type, actor, recipient, detail) VALUES "
                + "(?, ?, 'RAISED', 'system:alert-dispatch', '', '')", id, utc(raisedAt));
        return id;
    }

    private boolean exists(UUID alert) throws SQLException {
        return count("SELECT count(*) FROM alerts WHERE id = ?", alert) == 1;
    }

    private long count(String sql, Object parameter) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long count = rows.getLong(1);
                connection.commit();
                return count;
            }
        }
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
            connection.commit();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
