package org.shouhu.alert.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.AlertState;
import org.shouhu.alert.Child;
import org.shouhu.alert.ReportedPosition;
import org.shouhu.protocol.DeviceId;

/**
 * Everything a message about an alert says, as stored in the alert row at one moment. Immutable.
 *
 * @param sosSequence     the press that raised an SOS alert, -1 for zone alerts
 * @param zoneName        the zone of a zone alert, empty for SOS
 * @param batteryPercent  0..100, or -1 when unknown
 * @param policeName      the jurisdiction (or fallback) the alert is routed to
 */
public record AlertSnapshot(AlertId id, AlertKind kind, DeviceId device, Child child, long sosSequence,
                            String zoneName, Instant occurredAt, Instant raisedAt, Optional<ReportedPosition> position,
                            boolean late, int batteryPercent, String policeName, boolean outsideJurisdiction,
                            AlertState state, int escalationLevel, int triggerCount, int updateCount) {

    public AlertSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(zoneName, "zoneName");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(policeName, "policeName");
        Objects.requireNonNull(state, "state");
    }
}
