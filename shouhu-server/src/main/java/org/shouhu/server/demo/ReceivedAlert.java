package org.shouhu.server.demo;

import java.time.Instant;

/**
 * One request that reached a demo receiver.
 *
 * @param receiver   who received it: {@code police/<jurisdiction>} or {@code guardian/<id>}
 * @param receivedAt when it arrived
 * @param body       the document as sent (CAP XML for police, JSON for guardians)
 */
public record ReceivedAlert(String receiver, Instant receivedAt, String contentType, String body) {
}
