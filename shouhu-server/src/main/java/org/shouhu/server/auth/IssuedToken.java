package org.shouhu.server.auth;

import java.time.Instant;
import java.util.Objects;

/** A bearer token just issued; the token text is shown once and never stored. */
public record IssuedToken(String token, Principal principal, Instant expiresAt) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + principal.username() + ", expires " + expiresAt + "]";
    }
}
