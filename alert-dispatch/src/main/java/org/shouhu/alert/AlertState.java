package org.shouhu.alert;

/**
 * Where an alert is in its life. RAISED when committed; DELIVERED once any recipient's receiver accepted it;
 * ESCALATED when nobody acknowledged in time and the next recipient was told; ACKNOWLEDGED when a guardian or the
 * police took it on; RESOLVED when closed; EXPIRED when its escalation ran out with nobody acknowledging and its
 * policy does not involve the police.
 */
public enum AlertState {
    RAISED,
    DELIVERED,
    ESCALATED,
    ACKNOWLEDGED,
    RESOLVED,
    EXPIRED;

    /** Whether the alert still accepts acknowledgement, updates and escalation. */
    public boolean isOpen() {
        return this != RESOLVED && this != EXPIRED;
    }
}
