package org.shouhu.embedded.internal;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A service started on first use and then shared. A failed start is remembered and reported again, with its
 * original cause, to every later caller, instead of being retried by each test class in turn. Thread-safe: callers
 * racing on first use start the service once.
 *
 * @param <T> the service
 */
public final class StartOnce<T> {

    private final String description;
    private final Supplier<T> starter;
    private T service;
    private RuntimeException failure;

    public StartOnce(String description, Supplier<T> starter) {
        this.description = Objects.requireNonNull(description, "description");
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** The service, started by this call if it is the first. */
    public synchronized T get() {
        if (service == null && failure == null) {
            try {
                service = Objects.requireNonNull(starter.get(), description);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException(description + " could not be started: " + failure.getMessage(), failure);
        }
        return service;
    }
}
