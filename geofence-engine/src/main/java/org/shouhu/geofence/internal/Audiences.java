package org.shouhu.geofence.internal;

import java.util.Set;
import org.shouhu.geofence.Zone;
import org.shouhu.protocol.DeviceId;

/**
 * Whom each zone of an index serves, by zone number, in one flat array: two longs a zone, read before any geometry,
 * so a query asked for one device skips the zones that do not serve it without reading the zone, its list of
 * children or its edges. A zone serving everyone, one child or two (a home of siblings) is answered from the array
 * alone; a zone naming more children asks {@link Zone#serves}. Immutable and thread-safe.
 */
final class Audiences {

    /** First slot of a zone that names nobody, and so serves every device. */
    private static final long EVERYONE = -1;
    /** First slot of a zone naming more than two children: {@link Zone#serves} decides. */
    private static final long MANY = -2;

    private final Zone[] zones;
    /** At 2z and 2z + 1: zone z's children's IMEIs (the one child twice), or {@link #EVERYONE} or {@link #MANY}. */
    private final long[] slots;

    Audiences(Zone[] zones) {
        this.zones = zones;
        this.slots = new long[2 * zones.length];
        for (int z = 0; z < zones.length; z++) {
            Set<DeviceId> children = zones[z].children();
            long[] imeis = children.stream().mapToLong(DeviceId::imei).sorted().toArray();
            if (imeis.length == 0) {
                slots[2 * z] = EVERYONE;
                slots[2 * z + 1] = EVERYONE;
            } else if (imeis.length <= 2) {
                slots[2 * z] = imeis[0];
                slots[2 * z + 1] = imeis[imeis.length - 1];
            } else {
                slots[2 * z] = MANY;
                slots[2 * z + 1] = MANY;
            }
        }
    }

    /** Whether zone z serves the device; a null device stands for any device (a query about every zone). */
    boolean serves(int z, DeviceId device) {
        if (device == null) {
            return true;
        }
        long first = slots[2 * z];
        long imei = device.imei();
        if (first == imei || first == EVERYONE || slots[2 * z + 1] == imei) {
            return true;
        }
        return first == MANY && zones[z].serves(device);
    }
}
