package org.shouhu.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.protocol.DeviceId;

/**
 * The current state of one alert, as listed for the police console and the guardians' apps.
 *
 * @param triggerCount how many presses or rule firings this alert absorbed (storm suppression), at least 1
 */
public record AlertSummary(AlertId id, AlertKind kind, DeviceId device, String childName, AlertState state,
                           Instant raisedAt, Optional<ReportedPosition> position, String jurisdictionName,
                           boolean outsideJurisdiction, int escalationLevel, int triggerCount) {

    public AlertSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(childName, "childName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(jurisdictionName, "jurisdictionName");
    }
}
