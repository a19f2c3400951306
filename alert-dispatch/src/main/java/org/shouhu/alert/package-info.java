/**
 * Alert dispatch: raising SOS and zone alerts, routing them to guardians and police, delivering them reliably
 * through a transactional outbox, escalating unacknowledged alerts, and the acknowledge/resolve lifecycle.
 *
 * <p>Entry points: {@link org.shouhu.alert.AlertService} (raise, acknowledge, resolve, audit) and
 * {@link org.shouhu.alert.AlertDispatcher} (the verticle that delivers outbox rows and drives escalation). The
 * server implements {@link org.shouhu.alert.RecipientDirectory}, {@link org.shouhu.alert.JurisdictionLocator} and
 * {@link org.shouhu.alert.DeviceNotifier}. The wire formats are described in {@code docs/alerts.md}.
 */
package org.shouhu.alert;
