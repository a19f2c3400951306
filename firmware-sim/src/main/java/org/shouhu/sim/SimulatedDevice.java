package org.shouhu.sim;

import java.time.Duration;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.model.DeviceProfile;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.GeoPoint;

/**
 * One wristband of a simulated fleet.
 *
 * @param id                 the band's IMEI; also its MQTT client id
 * @param home               where the child lives
 * @param school             the child's school
 * @param friendVillage      where visits lead
 * @param dangerSpot         the river bank near home that a child sometimes wanders to
 * @param reportingInterval  the interval while moving, whole seconds in 10 s..1 h (60 s on real bands)
 * @param form               the payload form the band speaks
 */
public record SimulatedDevice(DeviceId id, GeoPoint home, GeoPoint school, GeoPoint friendVillage,
                              GeoPoint dangerSpot, Duration reportingInterval, PayloadForm form) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    public SimulatedDevice {
        Objects.requireNonNull(form, "form");
        new DeviceProfile(id, home, school, friendVillage, dangerSpot, reportingInterval); // validates the rest
    }

    /** The device of a generated region's child. */
    public static SimulatedDevice of(DeviceAssignment child, Duration reportingInterval, PayloadForm form) {
        return new SimulatedDevice(child.deviceId(), child.home(), child.school(), child.friendVillage(),
                child.dangerSpot(), reportingInterval, form);
    }

    /**
     * A device that only knows its home and school; the friend's village is taken 2 km north-east of home and the
     * danger spot 800 m south of it.
     */
    public static SimulatedDevice of(DeviceId id, GeoPoint home, GeoPoint school, Duration reportingInterval,
                                     PayloadForm form) {
        return new SimulatedDevice(id, home, school, home.offsetMetres(1_400, 1_400), home.offsetMetres(-800, 0),
                reportingInterval, form);
    }

    /** What the behaviour model needs. */
    public DeviceProfile profile() {
        return new DeviceProfile(id, home, school, friendVillage, dangerSpot, reportingInterval);
    }
}
