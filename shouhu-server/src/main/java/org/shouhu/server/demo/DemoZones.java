package org.shouhu.server.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.shouhu.alert.Actor;
import org.shouhu.alert.AlertService;
import org.shouhu.alert.AlertSummary;
import org.shouhu.geofence.DailyWindow;
import org.shouhu.geofence.DangerKind;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Schedule;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneShape;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.geofence.ZoneCatalog;
import org.shouhu.sim.FleetSettings;
import org.shouhu.sim.SimulatedDevice;
import org.shouhu.sim.SimulatedFleet;
import org.shouhu.sim.model.Intervention;
import org.shouhu.sim.model.ScheduledIntervention;
import org.shouhu.sim.model.Terrain;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.GeoPoint;
import org.shouhu.sim.region.RegionPlan;
import org.shouhu.sim.region.School;

/**
 * The zone part of the demo: a 150 m school zone around every school with a "left school during school hours"
 * rule for each pupil, and a river danger corridor near one village with an "entered danger zone" rule for every
 * child. Two children act it out within about a minute of the fleet starting: a boarding pupil walks out of school
 * from the dormitory near the north gate, and a child at home walks north into the river.
 *
 * <p>School hours are Monday to Friday 07:30-11:45 and 13:30-16:30 in Asia/Shanghai. So that the demo shows the
 * exit whenever it is run, a demo session (evening study, 晚自习) is added around the present when it falls outside
 * those hours.
 */
final class DemoZones implements AutoCloseable {

    /** Debounce for homes and schools in the demo: 2 fixes over 10 s (the platform default is 3 over 60 s). */
    static final Map<String, String> SERVER_SETTINGS = Map.of("geofence.steady.fixes", "2",
            "geofence.steady.dwell", "10s");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final double SCHOOL_RADIUS = 150;
    private static final double RIVER_HALF_WIDTH = 20;
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final DeviceAssignment boarder;
    private final DeviceAssignment riverChild;
    private final GeoPoint dormitory;
    private final GeoPoint pastTheGate;
    private final GeoPoint riverBank;
    private final String riverId;
    private final Schedule schoolHours;
    private final String schoolHoursText;
    private SimulatedFleet actors;

    private DemoZones(RegionPlan plan, Instant now) {
        // The actors are chosen where satellites are seen well (open ground, not a deep valley), so that the few
        // fixes the script has are GNSS fixes rather than coarse cell fixes, which decide nothing.
        if (plan.devices().size() < 4) {
            throw new IllegalArgumentException("the demo needs at least 4 wristbands (--devices)");
        }
        List<DeviceAssignment> cast = plan.devices().subList(2, plan.devices().size()); // 0 and 1 press SOS
        this.boarder = cast.stream().min(Comparator.comparingDouble(d -> Terrain.valleyDepth(d.school()))).get();
        this.riverChild = cast.stream().filter(d -> !d.equals(boarder))
                .min(Comparator.comparingDouble(d -> Terrain.valleyDepth(d.home()))).orElse(boarder);
        // The dormitory is 45 m inside the school fence, towards the north gate.
        this.dormitory = boarder.school().offsetMetres(SCHOOL_RADIUS - 45, 0);
        this.pastTheGate = boarder.school().offsetMetres(SCHOOL_RADIUS + 400, 0);
        this.riverBank = riverChild.home().offsetMetres(55, 0);
        this.riverId = "demo-river-" + now.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
        LocalDateTime local = LocalDateTime.ofInstant(now, SHANGHAI);
        Schedule regular = new Schedule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                List.of(new DailyWindow(LocalTime.of(7, 30), LocalTime.of(11, 45)),
                        new DailyWindow(LocalTime.of(13, 30), LocalTime.of(16, 30))), Set.of(), Set.of());
        if (regular.isActive(now, SHANGHAI)) {
            schoolHours = regular;
            schoolHoursText = "Mon-Fri 07:30-11:45, 13:30-16:30 Asia/Shanghai (in session now)";
        } else {
            LocalTime from = local.toLocalTime().minusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
            LocalTime to = local.toLocalTime().plusHours(2).truncatedTo(ChronoUnit.MINUTES);
            List<DailyWindow> windows = new ArrayList<>(regular.windows());
            windows.add(new DailyWindow(from, to));
            LocalDate today = LocalDateTime.ofInstant(now.minus(Duration.ofMinutes(10)), SHANGHAI).toLocalDate();
            schoolHours = new Schedule(regular.days(), windows, Set.of(), Set.of(today));
            schoolHoursText = "Mon-Fri 07:30-11:45, 13:30-16:30 Asia/Shanghai, plus a demo study session "
                    + from + "-" + to + " today";
        }
    }

    static DemoZones plan(RegionPlan plan, Instant now) {
        return new DemoZones(plan, now);
    }

    /** Stores the zones and rules through the server's zone catalog (replacing an earlier demo run's river). */
    void install(ZoneCatalog catalog, RegionPlan plan, DemoConsole console) {
        for (Zone zone : catalog.zones()) {
            if (zone.id().startsWith("demo-river-")) {
                catalog.deleteZone(zone.id());
            }
        }
        Map<String, Set<DeviceId>> pupils = new HashMap<>();
        for (DeviceAssignment child : plan.devices()) {
            pupils.computeIfAbsent(child.schoolId(), id -> new HashSet<>()).add(child.deviceId());
        }
        for (School school : plan.schools()) {
            catalog.putZone(new Zone(schoolZoneId(school.id()), school.name(), ZoneKind.SCHOOL, null,
                    pupils.getOrDefault(school.id(), Set.of()), new ZoneShape.Circle(school.location().latitude(),
                    school.location().longitude(), SCHOOL_RADIUS), Zone.DEFAULT_TIME_ZONE));
        }
        catalog.putZone(river());
        List<Rule> rules = new ArrayList<>();
        for (DeviceAssignment child : plan.devices()) {
            Set<String> guardian = Set.of(DemoDirectory.guardianId(child));
            rules.add(new Rule.LeftZone("left-school-" + child.deviceId(), schoolZoneId(child.schoolId()),
                    schoolHours, Set.of(child.deviceId()), guardian));
            rules.add(new Rule.EnteredDanger("danger-" + child.deviceId(), Set.of(), Schedule.ALWAYS,
                    Set.of(child.deviceId()), guardian));
        }
        catalog.putRules(rules);
        console.step("Zones: " + plan.schools().size() + " school zones (150 m), the Liuchong river near "
                + riverChild.villageName() + " (a corridor 20 m each side); " + rules.size() + " rules");
        console.detail("school hours: " + schoolHoursText);
        console.detail("debounce for schools and homes: 2 fixes over 10 s (demo setting; default 3 over 60 s)");
    }

    /**
     * Resolves zone alerts of the two actors that an earlier demo run on the same data directory left open: an open
     * alert absorbs a repeat of its rule quietly, which would hide this run's alerts.
     */
    void resolveEarlierRuns(AlertService alerts) throws Exception {
        for (AlertSummary open : alerts.openAlerts(1000).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS)) {
            boolean actor = open.device().equals(boarder.deviceId()) || open.device().equals(riverChild.deviceId());
            if (actor && open.kind().isZoneAlert()) {
                alerts.resolve(open.id(), Actor.operator("demo")).toCompletionStage().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A bend of river 55 m north of the river child's home, 1.4 km long. */
    private Zone river() {
        GeoPoint home = riverChild.home();
        GeoPoint[] bends = {home.offsetMetres(45, -700), home.offsetMetres(55, 0), home.offsetMetres(40, 700)};
        Coordinate[] line = new Coordinate[bends.length];
        for (int i = 0; i < bends.length; i++) {
            line[i] = new Coordinate(bends[i].longitude(), bends[i].latitude());
        }
        return new Zone(riverId, "柳冲河 Liuchong river", ZoneKind.DANGER, DangerKind.WATER, Set.of(),
                new ZoneShape.Corridor(WGS84.createLineString(line), RIVER_HALF_WIDTH), Zone.DEFAULT_TIME_ZONE);
    }

    /** The fleet's bands without the two actors, who get a fleet of their own ({@link #startActors}). */
    List<SimulatedDevice> withoutActors(List<SimulatedDevice> bands) {
        return bands.stream().filter(band -> !isActor(band.id())).toList();
    }

    /**
     * Starts the two actors' bands as a fleet of their own once everything else runs, so that their script starts
     * when they do however long a large fleet took to connect. The boarding pupil lives in the dormitory and the
     * river child stays at home, so both are where the script expects them whatever the time of day.
     *
     * @return when the actors set off
     */
    Instant startActors(String brokerUrl, List<SimulatedDevice> bands, long seed) {
        List<SimulatedDevice> cast = new ArrayList<>();
        for (SimulatedDevice band : bands) {
            if (band.id().equals(boarder.deviceId())) {
                cast.add(stayingAt(band, dormitory));
            } else if (band.id().equals(riverChild.deviceId())) {
                cast.add(stayingAt(band, riverChild.home()));
            }
        }
        Instant start = Instant.now();
        actors = SimulatedFleet.start(FleetSettings.builder(brokerUrl, cast).seed(seed)
                .interventions(script(start)).build());
        return start;
    }

    /** Disconnects the actors' bands, if they were started. */
    @Override
    public void close() {
        if (actors != null) {
            actors.close();
        }
    }

    private boolean isActor(DeviceId device) {
        return device.equals(boarder.deviceId()) || device.equals(riverChild.deviceId());
    }

    private static SimulatedDevice stayingAt(SimulatedDevice band, GeoPoint place) {
        // A few metres apart, away from the gate and the river, so that routine legs have a length.
        return new SimulatedDevice(band.id(), place, place.offsetMetres(-5, 0), place.offsetMetres(-8, 3),
                place.offsetMetres(-10, -3), band.reportingInterval(), band.form());
    }

    /** At the start both actors set off: out of the north gate, and north to the river bank. */
    private Map<DeviceId, List<ScheduledIntervention>> script(Instant start) {
        return Map.of(
                boarder.deviceId(), List.of(new ScheduledIntervention(start,
                        new Intervention.WalkTo(pastTheGate, Duration.ofMinutes(10)))),
                riverChild.deviceId(), List.of(new ScheduledIntervention(start,
                        new Intervention.WalkTo(riverBank, Duration.ofMinutes(5)))));
    }

    DeviceAssignment boarder() {
        return boarder;
    }

    DeviceAssignment riverChild() {
        return riverChild;
    }

    static String schoolZoneId(String schoolId) {
        return "school-" + schoolId;
    }
}
