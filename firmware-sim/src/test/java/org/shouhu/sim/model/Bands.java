package org.shouhu.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.protocol.PositionReport;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionGenerator;
import org.shouhu.sim.region.RegionSettings;

/** Profiles of generated children for model tests. */
final class Bands {

    static final RegionGenerator REGION = new RegionGenerator(RegionSettings.defaults(11));

    private Bands() {
    }

    static DeviceProfile child(int index) {
        DeviceAssignment a = REGION.assign(index);
        return new DeviceProfile(a.deviceId(), a.home(), a.school(), a.friendVillage(), a.dangerSpot(),
                Duration.ofSeconds(60));
    }

    /** A local time in Guizhou (Asia/Shanghai). */
    static Instant local(String isoLocalDateTime) {
        return LocalDateTime.parse(isoLocalDateTime).atZone(DayPlanner.ZONE).toInstant();
    }

    static List<PositionReport> positions(List<Emission> emissions) {
        List<PositionReport> out = new ArrayList<>();
        for (Emission e : emissions) {
            if (e.message() instanceof PositionReport p) {
                out.add(p);
            }
        }
        return out;
    }
}
