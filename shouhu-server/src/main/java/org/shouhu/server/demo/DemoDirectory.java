package org.shouhu.server.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.alert.ChannelAddress;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.Language;
import org.shouhu.server.directory.ChildEntry;
import org.shouhu.server.directory.DirectoryContent;
import org.shouhu.server.directory.PoliceJurisdictionEntry;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.region.RegionSettings;

/**
 * The demo's directory, derived from the simulator's generated region: four police jurisdictions tiling the region
 * (simplified rectangles named after counties of Bijie), one grandparent per child, each child wearing the
 * generated wristband. Deterministic for a plan.
 */
public final class DemoDirectory {

    private static final String[][] COUNTIES = {
            {"qixingguan", "七星关区公安分局 Qixingguan District Police"},
            {"dafang", "大方县公安局 Dafang County Police"},
            {"nayong", "纳雍县公安局 Nayong County Police"},
            {"zhijin", "织金县公安局 Zhijin County Police"},
    };
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN = {"小明", "小红", "小芳", "小军", "小兰", "小强", "小梅", "小华", "小丽", "小龙"};

    private DemoDirectory() {
    }

    public static DirectoryContent build(RegionPlan plan, DemoReceivers receivers) {
        List<PoliceJurisdictionEntry> jurisdictions = jurisdictions(plan.settings(), receivers);
        List<Guardian> guardians = new ArrayList<>();
        List<ChildEntry> children = new ArrayList<>();
        for (DeviceAssignment device : plan.devices()) {
            String surname = SURNAMES[device.index() % SURNAMES.length];
            String guardianId = guardianId(device);
            guardians.add(new Guardian(guardianId, surname + "奶奶", Language.SIMPLIFIED_CHINESE,
                    List.of(new ChannelAddress.Webhook(receivers.guardianEndpoint(guardianId)))));
            children.add(new ChildEntry("c-" + device.deviceId(),
                    surname + GIVEN[(device.index() / SURNAMES.length) % GIVEN.length],
                    device.deviceId(), List.of(guardianId)));
        }
        return new DirectoryContent(jurisdictions, guardians, children);
    }

    /** The id of the child's one guardian (a grandparent). */
    static String guardianId(DeviceAssignment device) {
        return "g-" + device.deviceId();
    }

    /** Four rectangles tiling the region (with a margin), north-west, north-east, south-west, south-east. */
    private static List<PoliceJurisdictionEntry> jurisdictions(RegionSettings settings, DemoReceivers receivers) {
        double lat = settings.centre().latitude();
        double lon = settings.centre().longitude();
        double halfLat = settings.heightKm() / 111.32 / 2 * 1.1;
        double halfLon = settings.widthKm() / (111.32 * Math.cos(Math.toRadians(lat))) / 2 * 1.1;
        double[][] cells = {
                {lat, lat + halfLat, lon - halfLon, lon},
                {lat, lat + halfLat, lon, lon + halfLon},
                {lat - halfLat, lat, lon - halfLon, lon},
                {lat - halfLat, lat, lon, lon + halfLon},
        };
        List<PoliceJurisdictionEntry> result = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            double[] c = cells[i];
            result.add(new PoliceJurisdictionEntry(COUNTIES[i][0], COUNTIES[i][1],
                    rectangle(c[0], c[1], c[2], c[3]).encode(), receivers.policeEndpoint(COUNTIES[i][0])));
        }
        return result;
    }

    private static JsonObject rectangle(double south, double north, double west, double east) {
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(west).add(south))
                .add(new JsonArray().add(east).add(south))
                .add(new JsonArray().add(east).add(north))
                .add(new JsonArray().add(west).add(north))
                .add(new JsonArray().add(west).add(south));
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }
}
