package org.shouhu.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in an alert's life, as kept in the audit trail.
 *
 * @param alertId   the alert
 * @param at        when it happened (dispatcher clock)
 * @param type      what happened
 * @param actor     who did it ({@code kind:id}), {@code system:alert-dispatch} for the dispatcher itself
 * @param recipient the recipient concerned ({@code guardian:<id>}, {@code police:<jurisdiction>}, {@code device}),
 *                  empty when the step concerns the whole alert
 * @param detail    free text for people reading the trail (error text, channel, position)
 */
public record AuditEvent(AlertId alertId, Instant at, Type type, String actor, String recipient, String detail) {

    /** The kinds of step. */
    public enum Type {
        RAISED,
        REPEATED,
        UPDATED,
        DELIVERED,
        DELIVERY_FAILED,
        CHANNEL_FALLBACK,
        ESCALATED,
        ACKNOWLEDGED,
        RESOLVED,
        EXPIRED
    }

    public AuditEvent {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        recipient = recipient == null ? "" : recipient;
        detail = detail == null ? "" : detail;
    }
}
