package org.shouhu.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Accounts in the {@code accounts} table: creation (password hashed here), sign-in checks, listing. Blocking JDBC:
 * call off the event loop. Thread-safe.
 */
public final class AccountStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final PasswordHasher hasher;

    public AccountStore(DataSource dataSource, PasswordHasher hasher) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** @throws AccountExistsException when the user name is taken */
    public Principal create(NewAccount account) throws SQLException {
        String hash = hasher.hash(account.password());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (username, display_name, "
                     + "password_hash, role, jurisdiction_id, guardian_id) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, account.username());
            insert.setString(2, account.displayName());
            insert.setString(3, hash);
            insert.setString(4, account.role().token());
            insert.setString(5, account.jurisdictionId().orElse(null));
            insert.setString(6, account.guardianId().orElse(null));
            try {
                insert.executeUpdate();
                commit(connection);
            } catch (SQLException e) {
                connection.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new AccountExistsException(account.username());
                }
                throw e;
            }
        }
        return principal(account.username(), account.role().token(), account.jurisdictionId().orElse(null),
                account.guardianId().orElse(null));
    }

    /** Creates the account unless one of that name exists; returns whether it was created. */
    public boolean createIfAbsent(NewAccount account) throws SQLException {
        if (find(account.username()).isPresent()) {
            return false; // no hash computed for nothing
        }
        try {
            create(account);
            return true;
        } catch (AccountExistsException exists) {
            return false;
        }
    }

    /** The account, when it exists, is enabled and the password matches. Takes as long for a missing account. */
    public Optional<Principal> authenticate(String username, String password) throws SQLException {
        Optional<StoredAccount> account = find(username);
        if (account.isEmpty() || account.get().disabled()) {
            hasher.burnOneCheck(password);
            return Optional.empty();
        }
        return hasher.matches(password, account.get().passwordHash()) ? Optional.of(account.get().principal())
                : Optional.empty();
    }

    /**
     * Disables or enables the account. Disabling also revokes every token of the account at once (in the same
     * transaction), so a lost phone or a dismissed employee stops reading locations immediately.
     *
     * @return whether the account exists
     */
    public boolean setDisabled(String username, boolean disabled) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE accounts SET disabled = ? WHERE username = ?");
             PreparedStatement revoke = connection.prepareStatement(
                     "DELETE FROM access_tokens WHERE username = ?")) {
            update.setBoolean(1, disabled);
            update.setString(2, username);
            boolean found = update.executeUpdate() == 1;
            if (found && disabled) {
                revoke.setString(1, username);
                revoke.executeUpdate();
            }
            commit(connection);
            return found;
        }
    }

    /** Every account, by user name (without password hashes). */
    public List<AccountView> list() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT username, display_name, role, "
                     + "jurisdiction_id, guardian_id, disabled FROM accounts ORDER BY username");
             ResultSet rows = select.executeQuery()) {
            List<AccountView> accounts = new ArrayList<>();
            while (rows.next()) {
                accounts.add(new AccountView(principal(rows.getString(1), rows.getString(3), rows.getString(4),
                        rows.getString(5)), rows.getString(2), rows.getBoolean(6)));
            }
            commit(connection);
            return accounts;
        }
    }

    /** An account as listed to administrators. */
    public record AccountView(Principal principal, String displayName, boolean disabled) {
    }

    private record StoredAccount(Principal principal, String passwordHash, boolean disabled) {
    }

    private Optional<StoredAccount> find(String username) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT username, password_hash, role, "
                     + "jurisdiction_id, guardian_id, disabled FROM accounts WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                Optional<StoredAccount> found = rows.next()
                        ? Optional.of(new StoredAccount(principal(rows.getString(1), rows.getString(3),
                        rows.getString(4), rows.getString(5)), rows.getString(2), rows.getBoolean(6)))
                        : Optional.empty();
                commit(connection);
                return found;
            }
        }
    }

    static Principal principal(String username, String role, String jurisdictionId, String guardianId) {
        return switch (Role.fromToken(role)) {
            case ADMINISTRATOR -> new Principal.Administrator(username);
            case DISPATCHER -> new Principal.Dispatcher(username, jurisdictionId);
            case GUARDIAN -> new Principal.GuardianAccount(username, guardianId);
            case INSTALLER -> new Principal.Installer(username);
        };
    }

    static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
