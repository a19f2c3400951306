package org.shouhu.support.db;

import java.util.Objects;

/**
 * Where a PostgreSQL database is and how to log in.
 *
 * @param jdbcUrl  a {@code jdbc:postgresql://} URL naming host, port and database
 * @param user     the role to log in as
 * @param password the password, empty for trust authentication
 */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("expected a jdbc:postgresql: URL, got " + jdbcUrl);
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("database user must not be blank");
        }
    }

    /** The same server and credentials, another database on it. */
    public DatabaseSettings withDatabase(String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        if (slash < 0) {
            throw new IllegalStateException("URL names no database: " + jdbcUrl);
        }
        int query = jdbcUrl.indexOf('?', slash);
        String rest = query < 0 ? "" : jdbcUrl.substring(query);
        return new DatabaseSettings(jdbcUrl.substring(0, slash + 1) + database + rest, user, password);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + " as " + user + "]";
    }
}
