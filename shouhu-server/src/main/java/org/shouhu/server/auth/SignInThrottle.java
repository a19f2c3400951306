package org.shouhu.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed sign-ins for one user name within {@code window}, or ten
 * times as many from one address (guessing across many accounts), further attempts are refused until the window
 * since the first of those failures has passed, whether or not the password is right. A success clears the user
 * name's count. Kept in memory per server: a restart forgets, which costs an attacker one window, not a bypass.
 * Thread-safe.
 */
public final class SignInThrottle {

    /** Entries are swept once there are this many, so the maps stay small under a spray of random names. */
    private static final int SWEEP_AT = 10_000;
    private static final int ADDRESS_FACTOR = 10;

    private record Failures(Instant since, int count) {
    }

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Failures> byUsername = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
        }
        this.maxFailures = maxFailures;
    }

    /** How long the caller must wait before trying again; empty when the attempt may go ahead. */
    public Optional<Duration> waitBefore(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> user = blocked(byUsername.get(username), maxFailures, now);
        Optional<Duration> from = blocked(byAddress.get(address), maxFailures * ADDRESS_FACTOR, now);
        if (user.isPresent() && from.isPresent()) {
            return user.get().compareTo(from.get()) >= 0 ? user : from;
        }
        return user.isPresent() ? user : from;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(byUsername, username, now);
        count(byAddress, address, now);
    }

    public void succeeded(String username) {
        byUsername.remove(username);
    }

    private Optional<Duration> blocked(Failures failures, int limit, Instant now) {
        if (failures == null || failures.count() < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, failures.since().plus(window));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private void count(Map<String, Failures> map, String key, Instant now) {
        if (map.size() >= SWEEP_AT) {
            map.values().removeIf(entry -> !entry.since().plus(window).isAfter(now));
        }
        map.compute(key, (k, old) -> old == null || !old.since().plus(window).isAfter(now)
                ? new Failures(now, 1) : new Failures(old.since(), old.count() + 1));
    }
}
