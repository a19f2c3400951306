package org.shouhu.alert;

import java.util.Objects;

/** Who did something to an alert, as recorded in the audit trail. */
public record Actor(Kind kind, String id) {

    /** The kinds of actor. */
    public enum Kind {
        GUARDIAN,
        POLICE,
        OPERATOR,
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("actor id must not be blank");
        }
    }

    public static Actor guardian(String id) {
        return new Actor(Kind.GUARDIAN, id);
    }

    public static Actor police(String id) {
        return new Actor(Kind.POLICE, id);
    }

    public static Actor operator(String id) {
        return new Actor(Kind.OPERATOR, id);
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "alert-dispatch");

    /** {@code kind:id}, the stored form. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
