package org.shouhu.server.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.AlertState;
import org.shouhu.alert.AlertSummary;
import org.shouhu.protocol.DeviceId;

class AlertQueueOrderTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");

    @Test
    void sos_alerts_come_before_zone_alerts_however_old_and_newest_first_within_a_kind() {
        AlertSummary oldSos = alert(AlertKind.SOS, NOW.minusSeconds(600));
        AlertSummary newSos = alert(AlertKind.SOS, NOW.minusSeconds(10));
        AlertSummary newZone = alert(AlertKind.LEFT_SCHOOL, NOW);
        AlertSummary oldZone = alert(AlertKind.ENTERED_DANGER_ZONE, NOW.minusSeconds(300));

        List<AlertSummary> queue = List.of(newZone, oldSos, oldZone, newSos).stream()
                .sorted(AlertQueue.ORDER).toList();

        assertThat(queue).containsExactly(newSos, oldSos, newZone, oldZone);
    }

    private static AlertSummary alert(AlertKind kind, Instant raisedAt) {
        return new AlertSummary(AlertId.parse(UUID.randomUUID().toString()), kind, new DeviceId(860000000000001L),
                "Wang Xiaoming", AlertState.RAISED, raisedAt, Optional.empty(), "South County Police", false, 0, 1);
    }
}
