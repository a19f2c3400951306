package org.shouhu.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Issues and checks bearer tokens: 32 random bytes (base64url), stored only as their SHA-256 with an expiry. A token
 * is refused once expired, once revoked, when its account is disabled or deleted, and of course when it was never
 * issued (a forged token has no row). Blocking JDBC: call off the event loop. Thread-safe.
 */
public final class TokenService {

    private static final int TOKEN_BYTES = 32;

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public TokenService(DataSource dataSource, Clock clock, Duration ttl) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    public IssuedToken issue(Principal principal) throws SQLException {
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO access_tokens (token_sha256, username, issued_at, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setBytes(1, sha256(token));
            insert.setString(2, principal.username());
            insert.setObject(3, utc(now));
            insert.setObject(4, utc(expires));
            insert.executeUpdate();
            AccountStore.commit(connection);
        }
        return new IssuedToken(token, principal, expires);
    }

    /** The principal the token stands for, if it is valid now. */
    public Optional<Principal> resolve(String token) throws SQLException {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT a.username, a.role, a.jurisdiction_id, "
                     + "a.guardian_id FROM access_tokens t JOIN accounts a ON a.username = t.username "
                     + "WHERE t.token_sha256 = ? AND t.expires_at > ? AND NOT a.disabled")) {
            select.setBytes(1, sha256(token));
            select.setObject(2, utc(clock.instant()));
            try (ResultSet rows = select.executeQuery()) {
                Optional<Principal> principal = rows.next()
                        ? Optional.of(AccountStore.principal(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4)))
                        : Optional.empty();
                AccountStore.commit(connection);
                return principal;
            }
        }
    }

    /** Signs out: the token stops working at once. */
    public void revoke(String token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM access_tokens WHERE token_sha256 = ?")) {
            delete.setBytes(1, sha256(token));
            delete.executeUpdate();
            AccountStore.commit(connection);
        }
    }

    /** Deletes expired tokens; returns how many. */
    public int purgeExpired() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM access_tokens WHERE expires_at <= ?")) {
            delete.setObject(1, utc(clock.instant()));
            int deleted = delete.executeUpdate();
            AccountStore.commit(connection);
            return deleted;
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
