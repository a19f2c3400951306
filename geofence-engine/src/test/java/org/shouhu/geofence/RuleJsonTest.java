package org.shouhu.geofence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleJsonTest {

    private static final String RULES = """
            {"rules":[
              {"id":"left-school","type":"leftZone","zone":"school-1","guardians":["grandma"],
               "schedule":{"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],
                           "windows":[{"from":"07:30","to":"16:30"}],
                           "holidays":["2026-10-01"],"extraDays":["2026-09-27"]}},
              {"id":"water","type":"enteredDanger","dangerKinds":["water"],"guardians":["grandma","committee"]},
              {"id":"arrive","type":"missedArrival","zone":"school-1","from":"06:00","deadline":"08:30",
               "devices":["861234567890123"],"guardians":["grandma"],"days":{"days":["MONDAY"]}},
              {"id":"curfew","type":"curfew","zone":"home-1","at":"20:00","guardians":["grandma"]},
              {"id":"info","type":"zoneActivity","guardians":["mum"]}
            ]}""";

    @Test
    void reads_every_rule_type() {
        List<Rule> rules = RuleJson.read(RULES);
        assertThat(rules).extracting(Rule::id).containsExactly("left-school", "water", "arrive", "curfew", "info");
        Rule.LeftZone left = (Rule.LeftZone) rules.get(0);
        assertThat(left.schedule().runsOn(LocalDate.of(2026, 9, 27))).isTrue(); // a Sunday made a school day
        assertThat(left.schedule().runsOn(LocalDate.of(2026, 10, 1))).isFalse(); // National Day
        assertThat(((Rule.EnteredDanger) rules.get(1)).watches(DangerKind.ROAD)).isFalse();
        Rule.MissedArrival arrive = (Rule.MissedArrival) rules.get(2);
        assertThat(arrive.deadline()).isEqualTo(LocalTime.of(8, 30));
        assertThat(arrive.days().days()).containsExactly(DayOfWeek.MONDAY);
        assertThat(((Rule.Curfew) rules.get(3)).days()).isEqualTo(Schedule.ALWAYS);
        assertThat(((Rule.ZoneActivity) rules.get(4)).zoneId()).isNull();
    }

    @Test
    void writes_what_it_reads() {
        List<Rule> rules = RuleJson.read(RULES);
        assertThat(RuleJson.read(RuleJson.write(rules))).isEqualTo(rules);
    }

    @Test
    void rejects_a_rule_that_tells_nobody() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleJson.read(
                "{\"id\":\"r\",\"type\":\"leftZone\",\"zone\":\"z\",\"guardians\":[]}"));
        assertThat(e.getMessage()).contains("rule r").contains("tells nobody");
    }

    @Test
    void rejects_unknown_type_and_bad_times_naming_the_rule() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> RuleJson.read(
                "{\"id\":\"r1\",\"type\":\"teleported\",\"guardians\":[\"g\"]}")).getMessage())
                .contains("r1").contains("unknown rule type");
        assertThat(assertThrows(IllegalArgumentException.class, () -> RuleJson.read(
                "{\"id\":\"r2\",\"type\":\"curfew\",\"zone\":\"h\",\"at\":\"25:00\",\"guardians\":[\"g\"]}"))
                .getMessage()).contains("r2");
        assertThat(assertThrows(IllegalArgumentException.class, () -> RuleJson.read(
                "{\"id\":\"r3\",\"type\":\"missedArrival\",\"zone\":\"s\",\"from\":\"09:00\",\"deadline\":\"08:30\","
                        + "\"guardians\":[\"g\"]}")).getMessage()).contains("r3").contains("before deadline");
    }
}
