package org.shouhu.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashing (cost 10 by default: about 50-100 ms a check, slow enough to make guessing expensive).
 * Passwords must be 10..72 bytes of UTF-8 (bcrypt ignores anything past 72 bytes, so longer ones are refused rather
 * than silently truncated). Thread-safe.
 */
public final class PasswordHasher {

    private static final int MIN_BYTES = 10;
    private static final int MAX_BYTES = 72;

    private final int cost;
    /** Checked against when the account does not exist, so that a missing user takes as long as a wrong password. */
    private final String decoy;

    public PasswordHasher(int cost) {
        if (cost < 4 || cost > 16) {
            throw new IllegalArgumentException("bcrypt cost must be 4..16: " + cost);
        }
        this.cost = cost;
        this.decoy = BCrypt.withDefaults().hashToString(cost, "decoy-password-never-used".toCharArray());
    }

    /** @throws IllegalArgumentException when the password is too short or too long */
    public String hash(String password) {
        checkAcceptable(password);
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.toCharArray(), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of one check on nothing. */
    public void burnOneCheck(String password) {
        matches(password, decoy);
    }

    public static void checkAcceptable(String password) {
        int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("password must be " + MIN_BYTES + ".." + MAX_BYTES + " bytes long");
        }
    }
}
