package org.shouhu.geofence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;
import org.shouhu.geofence.DangerKind;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneShape;

/**
 * A path that only touches a danger zone's envelope at a corner or along a side, where the zone fills its envelope,
 * is still found: the candidates left out because their envelope lies beside the path's line never include one the
 * path touches. A path passing just beside the corner is not a crossing.
 */
class DangerCrossingCandidatesTest {

    // a square filling its envelope, 106.5-106.75 east and 26.5-26.75 north: binary fractions, so every point named
    // below lies exactly where it says
    private final ZoneIndex index = new ZoneIndex(List.of(square()), GridSettings.DEFAULT);

    @Test
    void a_path_touching_only_the_corner_or_a_side_crosses() throws Exception {
        // through the north-east corner only, diagonally, from outside to outside
        assertThat(crossed(26.875, 106.625, 26.625, 106.875)).containsExactly("river");
        // along the south side's line, from west of it to east of it
        assertThat(crossed(26.5, 106.375, 26.5, 106.875)).containsExactly("river");
        // ending exactly on the west side
        assertThat(crossed(26.625, 106.375, 26.625, 106.5)).containsExactly("river");
    }

    @Test
    void a_path_passing_just_beside_the_corner_does_not_cross() {
        double step = 0x1p-20; // about 10 cm
        assertThat(crossed(26.875 + step, 106.625, 26.625 + step, 106.875)).isEmpty();
        assertThat(crossed(26.5 - step, 106.375, 26.5 - step, 106.875)).isEmpty();
    }

    private List<String> crossed(double lat1, double lon1, double lat2, double lon2) {
        List<String> found = new ArrayList<>();
        index.forEachDangerCrossed(lat1, lon1, lat2, lon2, zone -> found.add(zone.id()));
        return found;
    }

    private static Zone square() {
        try {
            return new Zone("river", "", ZoneKind.DANGER, DangerKind.WATER, Set.of(), new ZoneShape.Area(
                    new WKTReader(Geometries.WGS84).read(
                            "POLYGON((106.5 26.5, 106.75 26.5, 106.75 26.75, 106.5 26.75, 106.5 26.5))")),
                    Zone.DEFAULT_TIME_ZONE);
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
