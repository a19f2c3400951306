package org.shouhu.alert;

import java.util.Objects;
import java.util.UUID;

/** The identity of one alert, stable for its whole life and across every message sent about it. */
public record AlertId(UUID value) {

    public AlertId {
        Objects.requireNonNull(value, "value");
    }

    public static AlertId random() {
        return new AlertId(UUID.randomUUID());
    }

    /**
     * Parses the canonical UUID text form.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static AlertId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("alert id must be a 36-character UUID: " + text);
        }
        return new AlertId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
