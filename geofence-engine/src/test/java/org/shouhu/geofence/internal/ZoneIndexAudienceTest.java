package org.shouhu.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.geofence.DangerKind;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneShape;
import org.shouhu.protocol.DeviceId;

/**
 * The queries asked for one device answer exactly as the queries about every zone, less the zones that do not serve
 * that device: zones serving everyone, one child, two children and more than two, in the main tables and in the
 * overlay, for fine and wide accuracy circles and for danger crossings.
 */
class ZoneIndexAudienceTest {

    private static final DeviceId[] DEVICES = {new DeviceId(1), new DeviceId(2), new DeviceId(3), new DeviceId(4),
            new DeviceId(999_999_999_999_999L)};

    @Test
    void queries_for_one_device_find_exactly_the_zones_serving_it() {
        Random random = new Random(3);
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            double lat = 26.5 + random.nextDouble() * 0.05;
            double lon = 106.6 + random.nextDouble() * 0.05;
            Set<DeviceId> children = switch (i % 4) {
                case 0 -> Set.of();
                case 1 -> Set.of(DEVICES[random.nextInt(DEVICES.length)]);
                case 2 -> Set.of(DEVICES[0], DEVICES[1 + random.nextInt(DEVICES.length - 1)]);
                default -> Set.of(DEVICES[1], DEVICES[2], DEVICES[4]);
            };
            boolean danger = i % 3 == 0;
            zones.add(new Zone("z" + i, "", danger ? ZoneKind.DANGER : ZoneKind.HOME, danger ? DangerKind.WATER : null,
                    children, new ZoneShape.Circle(lat, lon, 20 + random.nextDouble() * 300), Zone.DEFAULT_TIME_ZONE));
        }
        Map<String, Zone> byId = new java.util.LinkedHashMap<>();
        zones.forEach(z -> byId.put(z.id(), z));
        LayeredZoneIndex index = LayeredZoneIndex.of(zones.subList(0, 200), GridSettings.DEFAULT)
                .with(byId, zones.subList(200, 240).stream().map(Zone::id).toList()); // 40 in the overlay
        assertThat(index.overlaySize()).isEqualTo(40);
        int served = 0;
        int skipped = 0;
        for (int i = 0; i < 3_000; i++) {
            double lat = 26.49 + random.nextDouble() * 0.07;
            double lon = 106.59 + random.nextDouble() * 0.07;
            double radius = i % 3 == 0 ? 60 + random.nextDouble() * 900 : random.nextDouble() * 50;
            double lat2 = lat + (random.nextDouble() - 0.5) * 0.01;
            double lon2 = lon + (random.nextDouble() - 0.5) * 0.01;
            Map<String, Boolean> near = new HashMap<>();
            index.forEachNear(lat, lon, radius, (zone, inside) -> near.put(zone.id(), inside));
            Set<String> wholly = new HashSet<>();
            index.forEachWhollyInside(lat, lon, radius, zone -> wholly.add(zone.id()));
            Map<String, Boolean> dangerNear = new HashMap<>();
            index.forEachDangerNear(lat, lon, radius, (zone, inside) -> dangerNear.put(zone.id(), inside));
            Set<String> crossed = new HashSet<>();
            index.forEachDangerCrossed(lat, lon, lat2, lon2, zone -> crossed.add(zone.id()));
            for (DeviceId device : DEVICES) {
                Map<String, Boolean> nearFor = new HashMap<>();
                index.forEachNear(lat, lon, radius, device, (zone, inside) -> nearFor.put(zone.id(), inside));
                assertThat(nearFor).isEqualTo(servedOnly(near, byId, device));
                Set<String> whollyFor = new HashSet<>();
                index.forEachWhollyInside(lat, lon, radius, device, zone -> whollyFor.add(zone.id()));
                assertThat(whollyFor).isEqualTo(servedOnly(wholly, byId, device));
                Map<String, Boolean> dangerFor = new HashMap<>();
                index.forEachDangerNear(lat, lon, radius, device, (zone, inside) -> dangerFor.put(zone.id(), inside));
                assertThat(dangerFor).isEqualTo(servedOnly(dangerNear, byId, device));
                Set<String> crossedFor = new HashSet<>();
                index.forEachDangerCrossed(lat, lon, lat2, lon2, device, zone -> crossedFor.add(zone.id()));
                assertThat(crossedFor).isEqualTo(servedOnly(crossed, byId, device));
                served += nearFor.size();
                skipped += near.size() - nearFor.size();
            }
        }
        assertThat(served).isGreaterThan(1_000); // the points do land near zones serving the devices
        assertThat(skipped).isGreaterThan(1_000); // and near zones that do not serve them
    }

    private static Map<String, Boolean> servedOnly(Map<String, Boolean> found, Map<String, Zone> zones, DeviceId device) {
        Map<String, Boolean> out = new HashMap<>(found);
        out.keySet().removeIf(id -> !zones.get(id).serves(device));
        return out;
    }

    private static Set<String> servedOnly(Set<String> found, Map<String, Zone> zones, DeviceId device) {
        Set<String> out = new HashSet<>(found);
        out.removeIf(id -> !zones.get(id).serves(device));
        return out;
    }
}
