package org.shouhu.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.protocol.DeviceId;

/**
 * A geofence rule fired for a child.
 *
 * @param device        the wristband
 * @param kind          what happened; never {@link AlertKind#SOS}
 * @param ruleId        the rule that fired
 * @param zoneId        the zone the rule is about
 * @param zoneName      the zone's human name, shown to recipients ("Zhaizi primary school")
 * @param occurredAt    when the event happened (the fix time that triggered it)
 * @param position      where the child was, empty for events without one (a missed arrival)
 * @param guardianIds   the guardians the rule names, in the order they are tried; each must be a guardian of the
 *                      child in the {@link RecipientDirectory}
 * @param batteryPercent battery charge 0..100, or -1 when unknown
 */
public record ZoneAlertRequest(DeviceId device, AlertKind kind, String ruleId, String zoneId, String zoneName,
                               Instant occurredAt, Optional<ReportedPosition> position, List<String> guardianIds,
                               int batteryPercent) {

    public ZoneAlertRequest {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(zoneName, "zoneName");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(position, "position");
        guardianIds = List.copyOf(guardianIds);
        if (kind == AlertKind.SOS) {
            throw new IllegalArgumentException("SOS is raised with raiseSos, not as a zone alert");
        }
        if (ruleId.isBlank() || zoneId.isBlank()) {
            throw new IllegalArgumentException("rule and zone ids must not be blank");
        }
        if (guardianIds.isEmpty()) {
            throw new IllegalArgumentException("a zone alert must name at least one guardian");
        }
        if (batteryPercent < -1 || batteryPercent > 100) {
            throw new IllegalArgumentException("battery out of range 0..100 (or -1 for unknown): " + batteryPercent);
        }
    }
}
