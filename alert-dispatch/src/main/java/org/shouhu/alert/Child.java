package org.shouhu.alert;

import java.util.Objects;

/** The child wearing a wristband, as alerts name it. */
public record Child(String id, String name) {

    public Child {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("child id must not be blank");
        }
    }
}
