package org.shouhu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shouhu.embedded.TestServices;
import org.shouhu.support.db.DatabaseSettings;
import org.shouhu.support.db.Databases;
import org.shouhu.support.db.SchemaMigrator;

/**
 * The sign-in throttle over the real database. Each test uses its own user names and addresses; two throttles with
 * their own connection pools stand for two server instances behind a load balancer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private HikariDataSource instanceA;
    private HikariDataSource instanceB;
    private final ManualClock clock = new ManualClock();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void migrate() {
        DatabaseSettings database = TestServices.freshDatabase();
        instanceA = Databases.pool(database, "throttle-a", 4);
        instanceB = Databases.pool(database, "throttle-b", 4);
        new SchemaMigrator(instanceA, SignInThrottleTest.class.getClassLoader()).migrate("directory");
        new SchemaMigrator(instanceA, SignInThrottleTest.class.getClassLoader()).migrate("access");
    }

    @AfterAll
    void close() {
        instanceA.close();
        instanceB.close();
    }

    private SignInThrottle throttle(HikariDataSource pool) {
        return new SignInThrottle(pool, clock, 3, Duration.ofMinutes(15));
    }

    private String user(String name) {
        return name + "." + tag;
    }

    @Test
    void refuses_a_user_name_after_too_many_failures_until_the_window_has_passed() throws Exception {
        SignInThrottle throttle = throttle(instanceA);
        String grandma = user("grandma.wang");
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt(grandma, "10.0.1.1")).isEmpty(); // and the password is wrong
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(throttle.attempt(grandma, "10.0.1.2")).hasValue(Duration.ofMinutes(12));
        assertThat(throttle.attempt(user("uncle.li"), "10.0.1.1")).isEmpty();
        clock.advance(Duration.ofMinutes(12));
        assertThat(throttle.attempt(grandma, "10.0.1.1")).isEmpty();
    }

    @Test
    void two_server_instances_share_one_lockout() throws Exception {
        SignInThrottle first = throttle(instanceA);
        SignInThrottle second = throttle(instanceB);
        String grandma = user("grandma.chen");

        assertThat(first.attempt(grandma, "10.0.2.1")).isEmpty();
        assertThat(second.attempt(grandma, "10.0.2.1")).isEmpty();
        assertThat(first.attempt(grandma, "10.0.2.1")).isEmpty();

        assertThat(second.attempt(grandma, "10.0.2.1")).isPresent();
        assertThat(first.attempt(grandma, "10.0.2.1")).isPresent();
    }

    @Test
    void guesses_sent_in_parallel_to_two_instances_get_no_more_than_the_limit() throws Exception {
        List<SignInThrottle> instances = List.of(throttle(instanceA), throttle(instanceB));
        String grandma = user("grandma.zhou");
        ExecutorService attackers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Duration>>> guesses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                SignInThrottle instance = instances.get(i % 2);
                String address = "10.0.3." + i;
                guesses.add(attackers.submit(() -> instance.attempt(grandma, address)));
            }
            int allowed = 0;
            for (Future<Optional<Duration>> guess : guesses) {
                allowed += guess.get().isEmpty() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(3);
        } finally {
            attackers.shutdownNow();
        }
    }

    @Test
    void a_success_clears_the_user_names_failures() throws Exception {
        SignInThrottle throttle = throttle(instanceA);
        String grandma = user("grandma.liu");
        throttle.attempt(grandma, "10.0.4.1");
        throttle.attempt(grandma, "10.0.4.1");
        throttle.attempt(grandma, "10.0.4.1");
        throttle.succeeded(grandma, "10.0.4.1");

        assertThat(throttle.attempt(grandma, "10.0.4.1")).isEmpty();
        assertThat(throttle.attempt(grandma, "10.0.4.1")).isEmpty();
    }

    @Test
    void refuses_an_address_guessing_across_many_user_names() throws Exception {
        SignInThrottle throttle = throttle(instanceA);
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.attempt(user("user" + i), "10.0.5.9")).isEmpty();
        }

        assertThat(throttle.attempt(user("someone.new"), "10.0.5.9")).isPresent();
        assertThat(throttle.attempt(user("someone.else"), "10.0.5.10")).isEmpty();
    }

    @Test
    void a_user_name_far_longer_than_any_account_is_counted_like_any_other() throws Exception {
        SignInThrottle throttle = throttle(instanceA);
        String huge = user("x".repeat(3_000));
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.attempt(huge, "10.0.7.1")).isEmpty();
        }

        assertThat(throttle.attempt(huge, "10.0.7.1")).isPresent();
    }

    @Test
    void expired_counts_are_purged_and_live_ones_kept() throws Exception {
        SignInThrottle throttle = throttle(instanceA);
        throttle.attempt(user("old.guess"), "10.0.6.1");
        clock.advance(Duration.ofMinutes(16));
        throttle.attempt(user("new.guess"), "10.0.6.2");

        assertThat(throttle.purgeExpired()).isGreaterThanOrEqualTo(2);
        assertThat(rows(user("old.guess"))).isZero();
        assertThat(rows(user("new.guess"))).isEqualTo(1);
    }

    private long rows(String subject) throws Exception {
        try (Connection connection = instanceA.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM sign_in_failures WHERE subject = ?")) {
            query.setString(1, subject);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                long count = result.getLong(1);
                connection.commit();
                return count;
            }
        }
    }
}
