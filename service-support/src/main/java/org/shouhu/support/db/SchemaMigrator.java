package org.shouhu.support.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a module's versioned SQL migrations, each once, in order, each in its own transaction.
 *
 * <p>A module lists its migrations in {@code db/migration/<module>/migrations.txt} on the class path, one file name
 * per line ({@code #} starts a comment). A name may contain {@code {flavor}}, replaced by {@link DatabaseFlavor#token()}
 * so that TimescaleDB and plain PostgreSQL each get their own variant of the same version. The version is the part
 * of the name before {@code __}. Applied migrations are recorded in {@code schema_migrations} with a checksum; a
 * migration whose text changed after it was applied stops start-up, because the database would no longer match the
 * code.
 *
 * <p>Several server instances may start at once: a session advisory lock serialises them. Thread-safe.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final long LOCK_KEY = 0x5348_4f55_4855L; // "SHOUHU"

    private final DataSource dataSource;
    private final ClassLoader classLoader;

    public SchemaMigrator(DataSource dataSource) {
        this(dataSource, SchemaMigrator.class.getClassLoader());
    }

    public SchemaMigrator(DataSource dataSource, ClassLoader classLoader) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /** One migration that this call applied. */
    public record AppliedMigration(String module, String version, String name) {
    }

    /**
     * Applies the module's pending migrations.
     *
     * @return the migrations applied by this call, empty when the schema was up to date
     * @throws MigrationException when a listed file is missing, a migration fails, or an applied one was changed
     */
    public List<AppliedMigration> migrate(String module) {
        List<String> names = listing(module);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                lock(connection, true);
                try {
                    return applyPending(connection, module, names);
                } finally {
                    lock(connection, false);
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new MigrationException("migrating " + module + " failed: " + e.getMessage(), e);
        }
    }

    private List<AppliedMigration> applyPending(Connection connection, String module, List<String> names)
            throws SQLException {
        createHistoryTable(connection);
        DatabaseFlavor flavor = DatabaseFlavor.detect(connection);
        Map<String, String> applied = appliedChecksums(connection, module);
        List<AppliedMigration> done = new ArrayList<>();
        for (String listed : names) {
            String name = listed.replace("{flavor}", flavor.token());
            String version = versionOf(name, module);
            String sql = read(module, name);
            String checksum = sha256(sql);
            String previous = applied.get(version);
            if (previous != null) {
                if (!previous.equals(checksum)) {
                    throw new MigrationException("migration " + module + "/" + name
                            + " was changed after it was applied; add a new migration instead");
                }
                continue;
            }
            apply(connection, module, version, name, sql, checksum);
            done.add(new AppliedMigration(module, version, name));
            LOG.info("applied migration {}/{} ({})", module, name, flavor);
        }
        return done;
    }

    private static void apply(Connection connection, String module, String version, String name, String sql,
                              String checksum) throws SQLException {
        try (Statement statement = connection.createStatement();
             PreparedStatement record = connection.prepareStatement(
                     "INSERT INTO schema_migrations (module, version, name, checksum) VALUES (?, ?, ?, ?)")) {
            statement.execute(sql);
            record.setString(1, module);
            record.setString(2, version);
            record.setString(3, name);
            record.setString(4, checksum);
            record.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new MigrationException("migration " + module + "/" + name + " failed: " + e.getMessage(), e);
        }
    }

    private static void createHistoryTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        module     text        NOT NULL,
                        version    text        NOT NULL,
                        name       text        NOT NULL,
                        checksum   text        NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now(),
                        PRIMARY KEY (module, version)
                    )""");
            connection.commit();
        }
    }

    private static Map<String, String> appliedChecksums(Connection connection, String module) throws SQLException {
        Map<String, String> applied = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT version, checksum FROM schema_migrations WHERE module = ?")) {
            query.setString(1, module);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    applied.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        connection.commit();
        return applied;
    }

    private static void lock(Connection connection, boolean acquire) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                acquire ? "SELECT pg_advisory_lock(?)" : "SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        }
        connection.commit();
    }

    private List<String> listing(String module) {
        String text = read(module, "migrations.txt");
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static String versionOf(String name, String module) {
        int separator = name.indexOf("__");
        if (separator < 1 || !name.startsWith("V")) {
            throw new MigrationException("migration name must look like V001__what.sql: " + module + "/" + name);
        }
        return name.substring(0, separator);
    }

    private String read(String module, String name) {
        String path = "db/migration/" + module + "/" + name;
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            if (in == null) {
                throw new MigrationException("missing migration resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
