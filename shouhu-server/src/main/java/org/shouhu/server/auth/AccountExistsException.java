package org.shouhu.server.auth;

/** An account with that user name exists already (permanent). */
public final class AccountExistsException extends RuntimeException {

    public AccountExistsException(String username) {
        super("account exists already: " + username);
    }
}
