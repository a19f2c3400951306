package org.shouhu.sim.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import org.junit.jupiter.api.Test;

class RegionGeneratorTest {

    @Test
    void same_seed_generates_the_same_region() {
        RegionPlan first = new RegionGenerator(RegionSettings.defaults(42)).generate(500);
        RegionPlan second = new RegionGenerator(RegionSettings.defaults(42)).generate(500);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void another_seed_generates_another_region() {
        RegionPlan first = new RegionGenerator(RegionSettings.defaults(42)).generate(10);
        RegionPlan other = new RegionGenerator(RegionSettings.defaults(43)).generate(10);

        assertThat(other.villages()).isNotEqualTo(first.villages());
        assertThat(other.devices()).isNotEqualTo(first.devices());
    }

    @Test
    void a_child_is_the_same_whatever_the_fleet_size() {
        RegionGenerator generator = new RegionGenerator(RegionSettings.defaults(5));

        assertThat(generator.generate(1000).devices().get(17)).isEqualTo(generator.generate(20).devices().get(17));
        assertThat(generator.assign(17)).isEqualTo(generator.generate(20).devices().get(17));
    }

    @Test
    void villages_schools_and_homes_lie_within_about_200_km_around_bijie() {
        RegionPlan plan = new RegionGenerator(RegionSettings.defaults(1)).generate(2000);

        assertThat(plan.villages()).hasSize(400).allSatisfy(v -> assertWithinRegion(v.centre(), 101_000));
        assertThat(plan.schools()).hasSize(60).allSatisfy(s -> assertWithinRegion(s.location(), 101_500));
        assertThat(plan.devices()).allSatisfy(d -> assertWithinRegion(d.home(), 101_500));
        assertThat(plan.villages().stream().map(Village::name).distinct()).hasSize(400);
    }

    @Test
    void each_child_attends_the_school_nearest_to_its_village_and_lives_near_the_village() {
        RegionPlan plan = new RegionGenerator(RegionSettings.defaults(3)).generate(300);

        for (DeviceAssignment child : plan.devices()) {
            Village village = plan.villages().stream().filter(v -> v.id().equals(child.villageId())).findFirst().orElseThrow();
            School nearest = plan.schools().stream()
                    .min(Comparator.comparingDouble(s -> s.location().distanceMetres(village.centre()))).orElseThrow();
            assertThat(child.schoolId()).isEqualTo(nearest.id());
            assertThat(child.villageName()).isEqualTo(village.name());
            assertThat(child.home().distanceMetres(village.centre())).isLessThanOrEqualTo(401);
            assertThat(child.deviceId().imei()).isEqualTo(RegionSettings.DEFAULT_FIRST_IMEI + child.index());
            assertThat(plan.device(child.deviceId())).contains(child);
        }
    }

    @Test
    void rejects_more_schools_than_villages() {
        assertThrows(IllegalArgumentException.class,
                () -> new RegionSettings(RegionSettings.BIJIE, 200, 200, 10, 11, 1, RegionSettings.DEFAULT_FIRST_IMEI));
    }

    private static void assertWithinRegion(GeoPoint point, double halfSideMetres) {
        GeoPoint centre = RegionSettings.BIJIE;
        double north = centre.distanceMetres(new GeoPoint(point.latitude(), centre.longitude()));
        double east = point.distanceMetres(new GeoPoint(point.latitude(), centre.longitude()));
        assertThat(north).isLessThanOrEqualTo(halfSideMetres);
        assertThat(east).isLessThanOrEqualTo(halfSideMetres);
    }
}
