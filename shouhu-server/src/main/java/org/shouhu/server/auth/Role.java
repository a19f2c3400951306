package org.shouhu.server.auth;

import java.util.Locale;

/** The roles an account can have, with the token used in the database and in JSON. */
public enum Role {
    ADMINISTRATOR,
    DISPATCHER,
    GUARDIAN,
    INSTALLER;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown role */
    public static Role fromToken(String token) {
        for (Role role : values()) {
            if (role.token().equals(token)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + token + "' (administrator, dispatcher, guardian, installer)");
    }
}
