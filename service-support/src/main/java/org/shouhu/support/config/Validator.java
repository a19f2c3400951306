package org.shouhu.support.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Checks a parsed configuration value; says what it accepts so that the generated reference can show it. */
public interface Validator {

    /** @return null when the value is acceptable, else the reason it is not */
    String check(Object value);

    /** What the validator accepts, for the reference, e.g. "1..10000". */
    String describe();

    static Validator any() {
        return of(value -> null, "");
    }

    static Validator of(java.util.function.Function<Object, String> check, String description) {
        return new Validator() {
            @Override
            public String check(Object value) {
                return check.apply(value);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    static Validator between(long min, long max) {
        return of(value -> {
            long number = ((Number) value).longValue();
            return number < min || number > max ? "must be in " + min + ".." + max : null;
        }, min + ".." + max);
    }

    static Validator betweenDouble(double min, double max) {
        return of(value -> {
            double number = ((Number) value).doubleValue();
            return !(number >= min && number <= max) ? "must be in " + min + ".." + max : null;
        }, min + ".." + max);
    }

    static Validator durationBetween(Duration min, Duration max) {
        return of(value -> {
            Duration duration = (Duration) value;
            return duration.compareTo(min) < 0 || duration.compareTo(max) > 0
                    ? "must be in " + ConfigType.formatDuration(min) + ".." + ConfigType.formatDuration(max)
                    : null;
        }, ConfigType.formatDuration(min) + ".." + ConfigType.formatDuration(max));
    }

    static Validator nonBlank() {
        return of(value -> value.toString().isBlank() ? "must not be blank" : null, "non-blank");
    }

    static Validator oneOf(String... choices) {
        Set<String> allowed = Set.of(choices);
        return of(value -> allowed.contains(value.toString()) ? null : "must be one of " + String.join(", ", choices),
                String.join(" | ", choices));
    }

    static Validator uriSchemes(String... schemes) {
        List<String> allowed = List.of(schemes);
        return of(value -> {
            String scheme = ((java.net.URI) value).getScheme();
            return scheme != null && allowed.contains(scheme) ? null : "scheme must be one of " + allowed;
        }, String.join("|", schemes) + " URI");
    }
}
