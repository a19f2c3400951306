package org.shouhu.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one user name within {@code window}, or ten
 * times as many from one address (guessing across many accounts), further attempts are refused until the window
 * since the first of those failures has passed, whether or not the password is right. A success clears the user
 * name's count and takes itself off the address's.
 *
 * <p>The counts live in PostgreSQL ({@code sign_in_failures}), so every server instance on the database shares them:
 * a load balancer spreading an attacker's guesses over several instances gives no more guesses than one instance,
 * and a restart forgets nothing. An attempt is counted before its password is checked, in one upsert that returns
 * both counts, so that guesses sent in parallel cannot all pass the check before the first failure is recorded;
 * refused attempts count too (they never extend the window). Expired rows are deleted by {@link #purgeExpired} (the
 * retention job). Blocking JDBC: call off the event loop. Thread-safe.
 */
public final class SignInThrottle {

    static final int ADDRESS_FACTOR = 10;
    /**
     * Longer user names are counted by their first this many characters: no account name is that long (at most 64),
     * and an index entry must stay small.
     */
    static final int MAX_SUBJECT = 256;

    private static final String COUNT = "INSERT INTO sign_in_failures AS f (scope, subject, failures, expires_at) "
            + "VALUES ('user', ?, 1, ?), ('address', ?, 1, ?) ON CONFLICT (scope, subject) DO UPDATE SET "
            + "failures = CASE WHEN f.expires_at <= ? THEN 1 ELSE f.failures + 1 END, "
            + "expires_at = CASE WHEN f.expires_at <= ? THEN excluded.expires_at ELSE f.expires_at END "
            + "RETURNING scope, failures, expires_at";
    private static final String CLEAR_USER = "DELETE FROM sign_in_failures WHERE scope = 'user' AND subject = ?";
    private static final String UNCOUNT_ADDRESS = "UPDATE sign_in_failures SET failures = failures - 1 "
            + "WHERE scope = 'address' AND subject = ? AND failures > 0";

    private final DataSource dataSource;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    public SignInThrottle(DataSource dataSource, Clock clock, int maxFailures, Duration window) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
        }
        this.maxFailures = maxFailures;
    }

    /**
     * Counts an attempt to sign in as {@code username} from {@code address} as a failure until it
     * {@link #succeeded}.
     *
     * @return how long the caller must wait before trying again when the attempt must be refused; empty when it may
     *         go ahead
     */
    public Optional<Duration> attempt(String username, String address) throws SQLException {
        Instant now = clock.instant();
        OffsetDateTime nowUtc = TokenService.utc(now);
        OffsetDateTime expires = TokenService.utc(now.plus(window));
        Duration wait = Duration.ZERO;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT)) {
            count.setString(1, subject(username));
            count.setObject(2, expires);
            count.setString(3, subject(address));
            count.setObject(4, expires);
            count.setObject(5, nowUtc);
            count.setObject(6, nowUtc);
            try (ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    int limit = "user".equals(rows.getString(1)) ? maxFailures : maxFailures * ADDRESS_FACTOR;
                    if (rows.getInt(2) > limit) {
                        Duration left = Duration.between(now, rows.getObject(3, OffsetDateTime.class).toInstant());
                        wait = left.compareTo(wait) > 0 ? left : wait;
                    }
                }
            }
            AccountStore.commit(connection);
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    /** The attempt signed in: the user name's failures are forgotten and the address's count drops by this one. */
    public void succeeded(String username, String address) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement clear = connection.prepareStatement(CLEAR_USER);
             PreparedStatement uncount = connection.prepareStatement(UNCOUNT_ADDRESS)) {
            clear.setString(1, subject(username));
            clear.executeUpdate();
            uncount.setString(1, subject(address));
            uncount.executeUpdate();
            AccountStore.commit(connection);
        }
    }

    private static String subject(String name) {
        return name.length() <= MAX_SUBJECT ? name : name.substring(0, MAX_SUBJECT);
    }

    /** Deletes the counts whose window has passed; returns how many. */
    public int purgeExpired() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM sign_in_failures WHERE expires_at <= ?")) {
            delete.setObject(1, TokenService.utc(clock.instant()));
            int deleted = delete.executeUpdate();
            AccountStore.commit(connection);
            return deleted;
        }
    }
}
