package org.shouhu.support.db;

/** The schema could not be brought up to date; the server must not start on it. */
public final class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
