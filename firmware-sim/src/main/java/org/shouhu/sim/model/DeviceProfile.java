package org.shouhu.sim.model;

import java.time.Duration;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.SetReportingInterval;
import org.shouhu.sim.region.GeoPoint;

/**
 * What the behaviour model needs to know about one wristband and its child.
 *
 * @param deviceId           the wristband
 * @param home               where the child sleeps
 * @param school             where the child attends class on weekdays
 * @param friendVillage      where an after-school or weekend visit leads
 * @param dangerSpot         the river bank (or other danger) a child sometimes wanders to
 * @param reportingInterval  how often the band reports while moving, 10 s..1 h in whole seconds
 */
public record DeviceProfile(DeviceId deviceId, GeoPoint home, GeoPoint school, GeoPoint friendVillage,
                            GeoPoint dangerSpot, Duration reportingInterval) {

    public DeviceProfile {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(friendVillage, "friendVillage");
        Objects.requireNonNull(dangerSpot, "dangerSpot");
        Objects.requireNonNull(reportingInterval, "reportingInterval");
        if (reportingInterval.compareTo(SetReportingInterval.MIN) < 0
                || reportingInterval.compareTo(SetReportingInterval.MAX) > 0
                || reportingInterval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("reporting interval must be whole seconds in 10 s..1 h: " + reportingInterval);
        }
    }
}
