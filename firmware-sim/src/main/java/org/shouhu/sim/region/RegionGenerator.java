package org.shouhu.sim.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.shouhu.sim.internal.Seeds;

/**
 * Generates a rural region deterministically from {@link RegionSettings}: villages scattered uniformly over the
 * region, schools in some of the villages, a river-bank danger spot near every village, and children assigned a home
 * in a village and the school nearest to it.
 * <p>
 * Every device is derived from the seed and its own index only, so device 17 is the same child whether the plan has
 * 20 devices or 100,000; the server's demo and the simulator can therefore generate the same plan independently.
 * Stateless after construction and thread-safe.
 */
public final class RegionGenerator {

    private static final String[] NAME_FIRST = {"大", "小", "上", "下", "新", "老", "石", "龙", "白", "黑", "青", "红",
        "马", "牛", "羊", "鸡", "杨", "李", "王", "张", "陈", "刘", "金", "银", "高", "长", "平", "安", "和", "顺"};
    private static final String[] NAME_SECOND = {"坝", "寨", "湾", "沟", "坪", "堡", "岩", "塘", "田", "冲", "坡",
        "河", "井", "林", "山", "桥", "箐", "洞", "岭", "场"};

    private static final long VILLAGES = 1;
    private static final long SCHOOLS = 2;
    private static final long DANGER = 3;
    private static final long DEVICES = 4;

    private final RegionSettings settings;
    private final List<Village> villages;
    private final List<School> schools;
    private final List<DangerSpot> dangerSpots;
    private final int[] nearestSchoolOfVillage;
    private final int[] neighbourOfVillage;

    public RegionGenerator(RegionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.villages = generateVillages();
        this.schools = generateSchools();
        this.dangerSpots = generateDangerSpots();
        this.nearestSchoolOfVillage = new int[villages.size()];
        this.neighbourOfVillage = new int[villages.size()];
        for (int v = 0; v < villages.size(); v++) {
            nearestSchoolOfVillage[v] = nearestSchool(villages.get(v).centre());
            neighbourOfVillage[v] = nearestOtherVillage(v);
        }
    }

    /** The region for these settings with {@code deviceCount} children (0..10,000,000). */
    public RegionPlan generate(int deviceCount) {
        if (deviceCount < 0 || deviceCount > 10_000_000) {
            throw new IllegalArgumentException("device count must be 0..10000000: " + deviceCount);
        }
        List<DeviceAssignment> devices = new ArrayList<>(deviceCount);
        for (int i = 0; i < deviceCount; i++) {
            devices.add(assign(i));
        }
        return new RegionPlan(settings, villages, schools, dangerSpots, devices);
    }

    /** The assignment of the device with the given index, without generating the others. */
    public DeviceAssignment assign(int index) {
        SplittableRandom random = Seeds.stream(settings.seed(), DEVICES, index);
        int v = random.nextInt(villages.size());
        Village village = villages.get(v);
        double radius = 50 + random.nextDouble() * 350;
        double angle = random.nextDouble() * 2 * Math.PI;
        GeoPoint home = village.centre().offsetMetres(radius * Math.cos(angle), radius * Math.sin(angle));
        School school = schools.get(nearestSchoolOfVillage[v]);
        DangerSpot danger = dangerSpots.get(v);
        return new DeviceAssignment(index, settings.deviceIdOf(index), village.id(), village.name(), home,
                school.id(), school.name(), school.location(), villages.get(neighbourOfVillage[v]).centre(),
                danger.id(), danger.centre());
    }

    private List<Village> generateVillages() {
        SplittableRandom random = Seeds.stream(settings.seed(), VILLAGES);
        List<Village> result = new ArrayList<>(settings.villageCount());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < settings.villageCount(); i++) {
            GeoPoint centre = settings.centre().offsetMetres(
                    (random.nextDouble() - 0.5) * settings.heightKm() * 1000,
                    (random.nextDouble() - 0.5) * settings.widthKm() * 1000);
            String stem = NAME_FIRST[random.nextInt(NAME_FIRST.length)] + NAME_SECOND[random.nextInt(NAME_SECOND.length)];
            String name = stem + "村";
            // Real regions repeat village names; a suffix keeps ours distinguishable on a map.
            for (int n = 2; !used.add(name); n++) {
                name = stem + n + "村";
            }
            result.add(new Village(String.format("V%04d", i + 1), name, centre));
        }
        return result;
    }

    private List<School> generateSchools() {
        SplittableRandom random = Seeds.stream(settings.seed(), SCHOOLS);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < villages.size(); i++) {
            order.add(i);
        }
        // Fisher-Yates with our own stream so the choice is reproducible.
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            order.set(i, order.set(j, order.get(i)));
        }
        List<School> result = new ArrayList<>(settings.schoolCount());
        for (int s = 0; s < settings.schoolCount(); s++) {
            Village host = villages.get(order.get(s));
            GeoPoint location = host.centre().offsetMetres((random.nextDouble() - 0.5) * 400, (random.nextDouble() - 0.5) * 400);
            String stem = host.name().substring(0, host.name().length() - 1);
            result.add(new School(String.format("S%03d", s + 1), stem + "小学", location));
        }
        return result;
    }

    private List<DangerSpot> generateDangerSpots() {
        SplittableRandom random = Seeds.stream(settings.seed(), DANGER);
        List<DangerSpot> result = new ArrayList<>(villages.size());
        for (int v = 0; v < villages.size(); v++) {
            Village village = villages.get(v);
            double distance = 600 + random.nextDouble() * 900;
            double angle = random.nextDouble() * 2 * Math.PI;
            GeoPoint centre = village.centre().offsetMetres(distance * Math.cos(angle), distance * Math.sin(angle));
            double radius = 60 + random.nextDouble() * 90;
            result.add(new DangerSpot(String.format("D%04d", v + 1), "河边 river bank near " + village.name(), centre, radius));
        }
        return result;
    }

    private int nearestSchool(GeoPoint point) {
        Comparator<School> byDistance = Comparator.comparingDouble(s -> s.location().distanceMetres(point));
        return schools.indexOf(schools.stream().min(byDistance).orElseThrow());
    }

    private int nearestOtherVillage(int v) {
        GeoPoint centre = villages.get(v).centre();
        int best = v;
        double bestDistance = Double.MAX_VALUE;
        for (int other = 0; other < villages.size(); other++) {
            double d = other == v ? Double.MAX_VALUE : villages.get(other).centre().distanceMetres(centre);
            if (d < bestDistance) {
                best = other;
                bestDistance = d;
            }
        }
        return best;
    }
}
