package org.shouhu.server.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.geofence.DeviceGeofenceState;
import org.shouhu.geofence.Presence;
import org.shouhu.geofence.ZoneMembership;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;

class DeviceStateJsonTest {

    private static final DeviceId DEVICE = new DeviceId(868_000_000_000_042L);

    @Test
    void a_state_reads_back_equal_to_what_was_written() {
        Instant t = Instant.parse("2026-11-23T01:30:00.123456789Z");
        DeviceGeofenceState state = new DeviceGeofenceState(DEVICE,
                new Fix(t, 27.2001234, 105.3004321, 12, FixSource.GNSS, 1.2, 90.5),
                Map.of("school-1", new ZoneMembership(Presence.INSIDE, Presence.OUTSIDE, 2, t.minusSeconds(30),
                                t.minusSeconds(60)),
                        "river-1", new ZoneMembership(Presence.OUTSIDE, Presence.UNKNOWN, 0, null, t.minusSeconds(3600))),
                Map.of("arrive-by-0830", LocalDate.of(2026, 11, 23)));

        assertThat(DeviceStateJson.read(DEVICE, DeviceStateJson.write(state))).isEqualTo(state);
    }

    @Test
    void a_device_seen_without_any_fix_reads_back_without_one() {
        DeviceGeofenceState state = new DeviceGeofenceState(DEVICE, null, Map.of(), Map.of());

        assertThat(DeviceStateJson.read(DEVICE, DeviceStateJson.write(state))).isEqualTo(state);
    }

    @Test
    void a_damaged_document_is_refused_naming_the_device() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () ->
                DeviceStateJson.read(DEVICE, "{\"zones\": {\"school-1\": {\"confirmed\": \"MAYBE\"}}}"));

        assertThat(error.getMessage()).contains(DEVICE.toString());
    }
}
