package org.shouhu.alert;

/** What a message says about its alert. Maps onto CAP's msgType for the police. */
public enum MessageKind {
    /** The alert itself (CAP Alert). */
    ALERT,
    /** The alert changed: a new position, more presses, an escalation (CAP Update). */
    UPDATE,
    /** The alert was resolved (CAP Cancel). */
    CANCEL,
    /** The SOS was acknowledged; sent to the wristband only. */
    ACKNOWLEDGED
}
