package org.shouhu.support.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The value types a configuration key can have, each with its parser. */
public enum ConfigType {
    STRING("string") {
        @Override
        Object parse(String text) {
            return text;
        }
    },
    INT("integer") {
        @Override
        Object parse(String text) {
            return Integer.parseInt(text.strip());
        }
    },
    LONG("long") {
        @Override
        Object parse(String text) {
            return Long.parseLong(text.strip());
        }
    },
    DOUBLE("number") {
        @Override
        Object parse(String text) {
            return Double.parseDouble(text.strip());
        }
    },
    BOOLEAN("boolean") {
        @Override
        Object parse(String text) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException("expected true or false");
        }
    },
    /** {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601 such as {@code PT30S}. */
    DURATION("duration") {
        @Override
        Object parse(String text) {
            return parseDuration(text.strip());
        }
    },
    URI("URI") {
        @Override
        Object parse(String text) {
            try {
                return new URI(text.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
    },
    /** Comma-separated strings, blanks dropped. */
    LIST("list") {
        @Override
        Object parse(String text) {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    };

    private final String description;

    ConfigType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    abstract Object parse(String text);

    /** The text form of a value of this type, as it would be written in a configuration file. */
    String format(Object value) {
        if (value instanceof Duration duration) {
            return formatDuration(duration);
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    static Duration parseDuration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration");
            }
        }
        int split = 0;
        while (split < text.length() && Character.isDigit(text.charAt(split))) {
            split++;
        }
        if (split == 0 || split == text.length()) {
            throw new IllegalArgumentException("expected a number and a unit (ms, s, m, h, d), e.g. 30s");
        }
        long amount = Long.parseLong(text.substring(0, split));
        return switch (text.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit '" + text.substring(split) + "' (ms, s, m, h, d)");
        };
    }

    static String formatDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 86_400_000 == 0 && millis != 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis != 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis != 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
