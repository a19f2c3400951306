package org.shouhu.alert.internal;

/** The life of an outbox row; see the table comment in {@code V001__alerts.sql}. */
public enum OutboxStatus {
    HELD,
    STANDBY,
    PENDING,
    DELIVERED,
    FAILED,
    CANCELLED
}
