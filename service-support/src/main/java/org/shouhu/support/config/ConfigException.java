package org.shouhu.support.config;

/** A configuration value is missing, malformed or out of range. Start-up stops with this message. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
