package org.shouhu.alert.internal;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert row: the snapshot messages are rendered from, plus routing and lifecycle columns.
 *
 * @param policeKey      recipient key of the police ({@code police:<jurisdiction id>} or {@code police:fallback})
 * @param policeEndpoint the CAP endpoint the alert is routed to
 * @param escalateAt     when the next escalation step is due, empty when none is
 */
public record StoredAlert(AlertSnapshot snapshot, String policeKey, URI policeEndpoint, Optional<Instant> escalateAt,
                          Optional<String> acknowledgedBy) {

    public StoredAlert {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(policeKey, "policeKey");
        Objects.requireNonNull(policeEndpoint, "policeEndpoint");
        Objects.requireNonNull(escalateAt, "escalateAt");
        Objects.requireNonNull(acknowledgedBy, "acknowledgedBy");
    }
}
