package org.shouhu.server.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.support.config.ConfigDef;
import org.shouhu.support.config.ConfigType;
import org.shouhu.support.config.ConfigValues;
import org.shouhu.support.config.Validator;

/**
 * Settings of sign-in, the access log and retention of alerts and the access log.
 *
 * @param bcryptCost         bcrypt work factor of new password hashes (at least 10 in production)
 * @param tokenTtl           how long a bearer token stays valid after sign-in
 * @param adminUsername      the administrator account created at start-up when {@code adminPassword} is set
 * @param adminPassword      its initial password; empty to create none (an existing account is never changed)
 * @param alertRetention     how long closed alerts (with their audit trail and messages) are kept
 * @param accessLogRetention how long access log rows are kept
 * @param pruneInterval      how often the retention job runs
 * @param signInMaxFailures  failed sign-ins for one user name before sign-in is refused for a while
 * @param signInLockout      how long that while is, counted from the first of those failures
 */
public record AccessConfig(int bcryptCost, Duration tokenTtl, String adminUsername, Optional<String> adminPassword,
                           Duration alertRetention, Duration accessLogRetention, Duration pruneInterval,
                           int signInMaxFailures, Duration signInLockout) {

    public static final String BCRYPT_COST = "auth.bcrypt-cost";
    public static final String TOKEN_TTL = "auth.token-ttl";
    public static final String ADMIN_USERNAME = "auth.admin.username";
    public static final String ADMIN_PASSWORD = "auth.admin.password";
    public static final String ALERT_RETENTION = "access.alert-retention";
    public static final String ACCESS_LOG_RETENTION = "access.log-retention";
    public static final String PRUNE_INTERVAL = "access.prune-interval";
    public static final String SIGN_IN_MAX_FAILURES = "auth.sign-in.max-failures";
    public static final String SIGN_IN_LOCKOUT = "auth.sign-in.lockout";

    /** The lowest bcrypt cost fit for production; lower costs exist only to keep tests fast. */
    public static final int PRODUCTION_MIN_BCRYPT_COST = 10;

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(BCRYPT_COST, ConfigType.INT, 12, Validator.between(4, 16),
                    "bcrypt work factor for new password hashes (each step doubles the time of a check). Use at least "
                            + "10 in production; values below 10 are for tests and are logged as a warning.")
            .define(TOKEN_TTL, ConfigType.DURATION, Duration.ofHours(12),
                    Validator.durationBetween(Duration.ofMinutes(1), Duration.ofDays(30)),
                    "How long a bearer token from POST /api/auth/token stays valid.")
            .define(SIGN_IN_MAX_FAILURES, ConfigType.INT, 5, Validator.between(1, 1000),
                    "Failed sign-ins for one user name (ten times as many from one address) after which sign-in "
                            + "is refused with 429 until auth.sign-in.lockout has passed since the first failure.")
            .define(SIGN_IN_LOCKOUT, ConfigType.DURATION, Duration.ofMinutes(15),
                    Validator.durationBetween(Duration.ofSeconds(1), Duration.ofDays(1)),
                    "How long sign-in stays refused after too many failures.")
            .define(ADMIN_USERNAME, ConfigType.STRING, "admin", Validator.of(AccessConfig::checkUsername,
                            "3..64 of a-z 0-9 . _ @ -"),
                    "Name of the administrator account created at start-up when auth.admin.password is set.")
            .defineSecret(ADMIN_PASSWORD, "", Validator.of(AccessConfig::checkAdminPassword,
                            "empty, or 10..72 bytes"),
                    "Initial password of the administrator account; empty to create none. An account that exists "
                            + "already is left unchanged.")
            .define(ALERT_RETENTION, ConfigType.DURATION, Duration.ofDays(730),
                    Validator.durationBetween(Duration.ofDays(1), Duration.ofDays(36_500)),
                    "Closed (resolved or expired) alerts, with their audit trail and messages, are deleted this long "
                            + "after they were raised. Must be longer than ingest.retention.")
            .define(ACCESS_LOG_RETENTION, ConfigType.DURATION, Duration.ofDays(730),
                    Validator.durationBetween(Duration.ofDays(1), Duration.ofDays(36_500)),
                    "Access log rows (who read which child's location) are deleted after this long. Must be longer "
                            + "than ingest.retention.")
            .define(PRUNE_INTERVAL, ConfigType.DURATION, Duration.ofHours(1),
                    Validator.durationBetween(Duration.ofSeconds(1), Duration.ofDays(1)),
                    "How often old alerts, access log rows and expired tokens are deleted.");

    public AccessConfig {
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(adminUsername, "adminUsername");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(alertRetention, "alertRetention");
        Objects.requireNonNull(accessLogRetention, "accessLogRetention");
        Objects.requireNonNull(pruneInterval, "pruneInterval");
        Objects.requireNonNull(signInLockout, "signInLockout");
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("token TTL must be positive: " + tokenTtl);
        }
    }

    public static AccessConfig from(ConfigValues values) {
        String password = values.getString(ADMIN_PASSWORD);
        return new AccessConfig(values.getInt(BCRYPT_COST), values.getDuration(TOKEN_TTL),
                values.getString(ADMIN_USERNAME), password.isEmpty() ? Optional.empty() : Optional.of(password),
                values.getDuration(ALERT_RETENTION), values.getDuration(ACCESS_LOG_RETENTION),
                values.getDuration(PRUNE_INTERVAL), values.getInt(SIGN_IN_MAX_FAILURES),
                values.getDuration(SIGN_IN_LOCKOUT));
    }

    /**
     * Alerts and the access log must outlive the positions they are about: the record of an SOS and of who looked at
     * a child is kept after the track itself is gone.
     *
     * @throws IllegalArgumentException naming the key that is too short
     */
    public void checkOutlives(Duration positionRetention) {
        if (alertRetention.compareTo(positionRetention) <= 0) {
            throw new IllegalArgumentException(ALERT_RETENTION + " (" + alertRetention
                    + ") must be longer than ingest.retention (" + positionRetention + ")");
        }
        if (accessLogRetention.compareTo(positionRetention) <= 0) {
            throw new IllegalArgumentException(ACCESS_LOG_RETENTION + " (" + accessLogRetention
                    + ") must be longer than ingest.retention (" + positionRetention + ")");
        }
    }

    private static String checkUsername(Object value) {
        return NewAccount.USERNAME.matcher(value.toString()).matches() ? null
                : "must be 3..64 of a-z 0-9 . _ @ - (lower case)";
    }

    private static String checkAdminPassword(Object value) {
        String text = value.toString();
        if (text.isEmpty()) {
            return null;
        }
        try {
            PasswordHasher.checkAcceptable(text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
