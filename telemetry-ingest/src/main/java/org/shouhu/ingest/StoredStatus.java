package org.shouhu.ingest;

import java.time.Instant;
import java.util.Objects;
import org.shouhu.protocol.StatusReport;

/**
 * A status report that was just committed (first time stored).
 *
 * @param report     the report as the wristband sent it
 * @param receivedAt when ingest received it
 */
public record StoredStatus(StatusReport report, Instant receivedAt) {

    public StoredStatus {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
