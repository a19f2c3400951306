package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.shouhu.sim.region.DangerSpot;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.region.School;
import org.shouhu.sim.region.Village;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shouhu-sim region}: the generated region as CSV, to register children, schools and zones elsewhere. */
@Command(name = "region", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Print the generated region as CSV (UTF-8) on standard output: the children (one per band), or the "
                    + "villages, schools or danger spots. The same seed and --first-imei give the same region as "
                    + "'shouhu-sim fleet', so the platform can register exactly the children the fleet simulates."})
final class RegionCommand implements Callable<Integer> {

    enum Table { DEVICES, VILLAGES, SCHOOLS, DANGER_SPOTS }

    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--devices"}, paramLabel = "N", defaultValue = "10",
            description = "Number of bands (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--table", paramLabel = "TABLE", defaultValue = "DEVICES",
            description = "What to print: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Table table;

    private final PrintStream out;

    RegionCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        RegionPlan plan = common.region(common.seedOr(1)).generate(devices);
        switch (table) {
            case DEVICES -> {
                out.println("index,imei,village_id,village_name,home_lat,home_lon,school_id,school_name,school_lat,"
                        + "school_lon,danger_spot_id,danger_lat,danger_lon");
                for (DeviceAssignment d : plan.devices()) {
                    out.println(String.join(",", String.valueOf(d.index()), d.deviceId().toString(), d.villageId(),
                            d.villageName(), coord(d.home().latitude()), coord(d.home().longitude()), d.schoolId(),
                            d.schoolName(), coord(d.school().latitude()), coord(d.school().longitude()),
                            d.dangerSpotId(), coord(d.dangerSpot().latitude()), coord(d.dangerSpot().longitude())));
                }
            }
            case VILLAGES -> {
                out.println("village_id,name,lat,lon");
                for (Village v : plan.villages()) {
                    out.println(String.join(",", v.id(), v.name(), coord(v.centre().latitude()),
                            coord(v.centre().longitude())));
                }
            }
            case SCHOOLS -> {
                out.println("school_id,name,lat,lon");
                for (School s : plan.schools()) {
                    out.println(String.join(",", s.id(), s.name(), coord(s.location().latitude()),
                            coord(s.location().longitude())));
                }
            }
            case DANGER_SPOTS -> {
                out.println("danger_spot_id,description,lat,lon,radius_m");
                for (DangerSpot d : plan.dangerSpots()) {
                    out.println(String.join(",", d.id(), d.description(), coord(d.centre().latitude()),
                            coord(d.centre().longitude()), String.format(Locale.ROOT, "%.0f", d.radiusMetres())));
                }
            }
        }
        return 0;
    }

    private static String coord(double degrees) {
        return String.format(Locale.ROOT, "%.7f", degrees);
    }
}
