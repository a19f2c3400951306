package org.shouhu.alert;

/** How a message travels. Each kind has one {@link DeliveryChannel} in the dispatcher. */
public enum ChannelKind {
    /** Signed JSON over HTTP POST to a guardian's webhook. */
    WEBHOOK,
    /** Signed OASIS CAP 1.2 XML over HTTP POST to a police endpoint. */
    CAP,
    /** Text through the configured SMS gateway. */
    SMS,
    /** "Help is coming" to the wristband over the MQTT downlink. */
    DEVICE
}
