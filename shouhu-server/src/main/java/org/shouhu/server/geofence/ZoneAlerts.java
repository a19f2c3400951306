package org.shouhu.server.geofence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.DeviceRecipients;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.RecipientDirectory;
import org.shouhu.alert.ReportedPosition;
import org.shouhu.alert.ZoneAlertRequest;
import org.shouhu.geofence.EventKind;
import org.shouhu.geofence.GeofenceEvent;
import org.shouhu.geofence.Zone;
import org.shouhu.protocol.Fix;

/**
 * Turns geofence events into zone alert requests: the alert kind, the zone's name, the position that decided it (or
 * the last known one, with its age, for a missed deadline) and the rule's guardians in the child's calling order.
 * Stateless apart from its collaborators; thread-safe.
 */
final class ZoneAlerts {

    private final RecipientDirectory directory;
    private final Function<String, Optional<Zone>> zones;

    ZoneAlerts(RecipientDirectory directory, Function<String, Optional<Zone>> zones) {
        this.directory = directory;
        this.zones = zones;
    }

    /**
     * @param batteryPercent the device's battery at the deciding report, or -1 when unknown
     */
    ZoneAlertRequest request(GeofenceEvent event, int batteryPercent) {
        String zoneName = zones.apply(event.zoneId()).map(Zone::name).filter(name -> !name.isBlank())
                .orElse(event.zoneId());
        return new ZoneAlertRequest(event.device(), kind(event.kind()), event.ruleId(), event.zoneId(), zoneName,
                event.at(), position(event), guardiansInCallingOrder(event), batteryPercent);
    }

    static AlertKind kind(EventKind kind) {
        return switch (kind) {
            case LEFT_ZONE -> AlertKind.LEFT_SCHOOL;
            case ENTERED_DANGER_ZONE -> AlertKind.ENTERED_DANGER_ZONE;
            case MISSED_ARRIVAL -> AlertKind.MISSED_ARRIVAL;
            case CURFEW_MISSED -> AlertKind.CURFEW;
            case ENTERED_ZONE, EXITED_ZONE -> AlertKind.INFO;
        };
    }

    private static Optional<ReportedPosition> position(GeofenceEvent event) {
        if (event instanceof GeofenceEvent.LeftZone e) {
            return Optional.of(fresh(e.fix()));
        } else if (event instanceof GeofenceEvent.EnteredDangerZone e) {
            return Optional.of(fresh(e.fix()));
        } else if (event instanceof GeofenceEvent.EnteredZone e) {
            return Optional.of(fresh(e.fix()));
        } else if (event instanceof GeofenceEvent.ExitedZone e) {
            return Optional.of(fresh(e.fix()));
        } else if (event instanceof GeofenceEvent.MissedArrival e) {
            return lastKnown(e.lastFix(), e.deadline());
        } else if (event instanceof GeofenceEvent.CurfewMissed e) {
            return lastKnown(e.lastFix(), e.curfew());
        }
        return Optional.empty();
    }

    private static ReportedPosition fresh(Fix fix) {
        return ReportedPosition.fresh(fix.latitude(), fix.longitude(), fix.accuracyMetres(), fix.time());
    }

    private static Optional<ReportedPosition> lastKnown(Fix fix, Instant at) {
        if (fix == null || !fix.hasPosition()) {
            return Optional.empty();
        }
        Duration age = Duration.between(fix.time(), at);
        return Optional.of(new ReportedPosition(fix.latitude(), fix.longitude(), fix.accuracyMetres(), fix.time(),
                true, age.isNegative() ? Duration.ZERO : age));
    }

    /** The rule's guardians, ordered as the child's guardians are called; ids the directory does not know last. */
    private List<String> guardiansInCallingOrder(GeofenceEvent event) {
        List<String> order = directory.forDevice(event.device()).map(DeviceRecipients::guardians)
                .map(list -> list.stream().map(Guardian::id).toList()).orElse(List.of());
        List<String> guardians = new ArrayList<>(event.guardians());
        guardians.sort(Comparator.<String>comparingInt(id -> {
            int index = order.indexOf(id);
            return index < 0 ? Integer.MAX_VALUE : index;
        }).thenComparing(Comparator.naturalOrder()));
        return guardians;
    }
}
