package org.shouhu.sim.region;

import java.util.Objects;
import org.shouhu.protocol.DeviceId;

/**
 * One child of a generated region: the wristband, where the child lives and which school the child attends, plus
 * the places an afternoon detour may lead to (a friend's village, the nearest danger spot).
 *
 * @param index          position of the device in the plan, 0-based; stable for a seed whatever the fleet size
 * @param deviceId       the wristband
 * @param villageId      home village id
 * @param villageName    home village name
 * @param home           the child's home (within a few hundred metres of the village centre)
 * @param schoolId       the school the child attends (the nearest to the home village)
 * @param schoolName     its name
 * @param school         its location
 * @param friendVillage  the village of a friend the child sometimes visits after school
 * @param dangerSpotId   the danger spot nearest to home
 * @param dangerSpot     its centre
 */
public record DeviceAssignment(int index, DeviceId deviceId, String villageId, String villageName, GeoPoint home,
                               String schoolId, String schoolName, GeoPoint school, GeoPoint friendVillage,
                               String dangerSpotId, GeoPoint dangerSpot) {

    public DeviceAssignment {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + index);
        }
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(villageId, "villageId");
        Objects.requireNonNull(villageName, "villageName");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(schoolId, "schoolId");
        Objects.requireNonNull(schoolName, "schoolName");
        Objects.requireNonNull(school, "school");
        Objects.requireNonNull(friendVillage, "friendVillage");
        Objects.requireNonNull(dangerSpotId, "dangerSpotId");
        Objects.requireNonNull(dangerSpot, "dangerSpot");
    }
}
