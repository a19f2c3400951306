package org.shouhu.alert.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.shouhu.alert.AlertId;

/**
 * The CAP identifiers of the documents about one alert: {@code shouhu.<uuid>} for the Alert, {@code
 * shouhu.<uuid>.u<n>} for the n-th Update and {@code shouhu.<uuid>.c} for the Cancel. CAP forbids spaces, commas,
 * {@code <} and {@code &} in identifiers; these contain none. Also formats CAP times. Stateless.
 */
public final class CapIdentifiers {

    private static final String PREFIX = "shouhu.";
    private static final DateTimeFormatter CAP_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private CapIdentifiers() {
    }

    public static String alert(AlertId id) {
        return PREFIX + id;
    }

    public static String update(AlertId id, int number) {
        return PREFIX + id + ".u" + number;
    }

    public static String cancel(AlertId id) {
        return PREFIX + id + ".c";
    }

    /** The alert an identifier of ours refers to, empty for identifiers that are not ours. */
    public static Optional<AlertId> alertOf(String identifier) {
        if (identifier == null || !identifier.startsWith(PREFIX) || identifier.length() < PREFIX.length() + 36) {
            return Optional.empty();
        }
        String rest = identifier.substring(PREFIX.length());
        String uuid = rest.substring(0, 36);
        if (rest.length() > 36 && rest.charAt(36) != '.') {
            return Optional.empty();
        }
        try {
            return Optional.of(new AlertId(UUID.fromString(uuid)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** CAP's time form: whole seconds with an explicit offset, never {@code Z}. */
    public static String time(Instant instant, ZoneOffset offset) {
        return CAP_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(offset));
    }
}
