/**
 * Machinery of alert dispatch: persistence of alerts, triggers, audit events and the outbox; rendering of CAP,
 * JSON and SMS bodies; backoff; the HTTP channels. Not an API: may change without notice.
 */
package org.shouhu.alert.internal;
