package org.shouhu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shouhu.alert.ChannelAddress;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.Language;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Zone;
import org.shouhu.geofence.ZoneKind;
import org.shouhu.geofence.ZoneShape;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.directory.ChildEntry;
import org.shouhu.server.directory.DirectoryContent;
import org.shouhu.server.directory.DirectorySnapshot;

class ZoneVisibilityTest {

    private static final DeviceId MING = new DeviceId(860_000_000_000_001L);
    private static final DeviceId HONG = new DeviceId(860_000_000_000_002L);

    private final ZoneVisibility zones = new ZoneVisibility(() -> new DirectorySnapshot(new DirectoryContent(List.of(),
            List.of(guardian("g-wang"), guardian("g-li")),
            List.of(new ChildEntry("c-ming", "Ming", MING, List.of("g-wang")),
                    new ChildEntry("c-hong", "Hong", HONG, List.of("g-li"))))));

    private final Principal wang = new Principal.GuardianAccount("grandma.wang", "g-wang");
    private final Principal police = new Principal.Dispatcher("south.desk", "south");
    private final Principal admin = new Principal.Administrator("root");
    private final Principal fitter = new Principal.Installer("fitter");

    @Test
    void a_guardian_sees_public_zones_and_their_childs_but_not_another_childs_home() {
        Zone schoolYard = zone("school-yard", Set.of());
        Zone mingHome = zone("ming-home", Set.of(MING));
        Zone hongHome = zone("hong-home", Set.of(HONG));

        assertThat(zones.mayRead(wang, schoolYard)).isTrue();
        assertThat(zones.mayRead(wang, mingHome)).isTrue();
        assertThat(zones.mayRead(wang, hongHome)).isFalse();
        assertThat(zones.mayRead(fitter, mingHome)).isFalse();
        assertThat(zones.mayRead(fitter, schoolYard)).isTrue();
        assertThat(zones.mayRead(police, hongHome)).isTrue();
    }

    @Test
    void a_guardian_changes_only_zones_serving_nothing_but_their_own_children() {
        assertThat(zones.mayChange(wang, zone("ming-home", Set.of(MING)))).isTrue();
        assertThat(zones.mayChange(wang, zone("shared", Set.of(MING, HONG)))).isFalse();
        assertThat(zones.mayChange(wang, zone("school-yard", Set.of()))).isFalse();
        assertThat(zones.mayChange(police, zone("ming-home", Set.of(MING)))).isFalse();
        assertThat(zones.mayChange(admin, zone("school-yard", Set.of()))).isTrue();
    }

    @Test
    void a_guardian_changes_only_rules_covering_their_children_and_telling_only_them() {
        Rule mine = new Rule.ZoneActivity("ming-home-activity", "ming-home", Set.of(MING), Set.of("g-wang"));
        Rule tellsLi = new Rule.ZoneActivity("tells-li", "ming-home", Set.of(MING), Set.of("g-wang", "g-li"));
        Rule everyone = new Rule.ZoneActivity("yard", "school-yard", Set.of(), Set.of("g-wang"));
        Rule hongs = new Rule.ZoneActivity("hong", "hong-home", Set.of(HONG), Set.of("g-li"));

        assertThat(zones.mayChange(wang, mine)).isTrue();
        assertThat(zones.mayChange(wang, tellsLi)).isFalse();
        assertThat(zones.mayChange(wang, everyone)).isFalse();
        assertThat(zones.mayRead(wang, everyone)).isTrue();
        assertThat(zones.mayRead(wang, hongs)).isFalse();
        assertThat(zones.mayRead(police, hongs)).isTrue();
        assertThat(zones.mayChange(police, hongs)).isFalse();
    }

    private static Zone zone(String id, Set<DeviceId> children) {
        return new Zone(id, id, ZoneKind.CUSTOM, null, children, new ZoneShape.Circle(27.1, 105.2, 150),
                Zone.DEFAULT_TIME_ZONE);
    }

    private static Guardian guardian(String id) {
        return new Guardian(id, id, Language.ENGLISH,
                List.of(new ChannelAddress.Webhook(URI.create("http://127.0.0.1/" + id))));
    }
}
