package org.shouhu.server.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account to create. A dispatcher names a jurisdiction, a guardian account a directory guardian; the other roles
 * name neither.
 */
public record NewAccount(String username, String displayName, String password, Role role,
                         Optional<String> jurisdictionId, Optional<String> guardianId) {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");

    public NewAccount {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(jurisdictionId, "jurisdictionId");
        Objects.requireNonNull(guardianId, "guardianId");
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 3..64 of a-z 0-9 . _ @ - (lower case): " + username);
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("displayName must not be blank");
        }
        PasswordHasher.checkAcceptable(password);
        if ((role == Role.DISPATCHER) != jurisdictionId.isPresent()) {
            throw new IllegalArgumentException("a jurisdiction is required for, and only for, a dispatcher");
        }
        if ((role == Role.GUARDIAN) != guardianId.isPresent()) {
            throw new IllegalArgumentException("a guardian id is required for, and only for, a guardian account");
        }
    }

    public static NewAccount dispatcher(String username, String displayName, String password, String jurisdictionId) {
        return new NewAccount(username, displayName, password, Role.DISPATCHER, Optional.of(jurisdictionId),
                Optional.empty());
    }

    public static NewAccount guardian(String username, String displayName, String password, String guardianId) {
        return new NewAccount(username, displayName, password, Role.GUARDIAN, Optional.empty(),
                Optional.of(guardianId));
    }

    public static NewAccount administrator(String username, String password) {
        return new NewAccount(username, "Administrator", password, Role.ADMINISTRATOR, Optional.empty(),
                Optional.empty());
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "NewAccount[" + username + ", " + role.token() + "]";
    }
}
