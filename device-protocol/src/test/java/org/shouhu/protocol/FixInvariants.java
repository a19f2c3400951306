package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What every decoded message must satisfy, whatever the input: coordinates in range and no time (fix, press, status)
 * more than the skew ahead of the clock. Applied to every successful decode in the tests.
 */
final class FixInvariants {

    private FixInvariants() {
    }

    static void check(UplinkMessage message, Clock clock, Duration skew) {
        Instant limit = clock.instant().plus(skew);
        for (Fix fix : fixes(message)) {
            assertThat(fix.latitude()).as("latitude of %s", message).isBetween(-90.0, 90.0);
            assertThat(fix.longitude()).as("longitude of %s", message).isBetween(-180.0, 180.0);
            assertThat(fix.time()).as("fix time of %s", message).isBeforeOrEqualTo(limit);
        }
        if (message instanceof SosPress sos) {
            assertThat(sos.pressedAt()).as("press time of %s", message).isBeforeOrEqualTo(limit);
            assertThat(sos.fix().hasPosition() || sos.fix().equals(Fix.none(sos.pressedAt())))
                    .as("an SOS fix either has a position or is Fix.none at the press time: %s", message).isTrue();
        }
        if (message instanceof StatusReport status) {
            assertThat(status.time()).as("status time of %s", message).isBeforeOrEqualTo(limit);
        }
    }

    static void check(UplinkMessage message) {
        check(message, Examples.CLOCK, Examples.SKEW);
    }

    private static List<Fix> fixes(UplinkMessage message) {
        List<Fix> fixes = new ArrayList<>();
        if (message instanceof PositionReport report) {
            fixes.add(report.fix());
        } else if (message instanceof SosPress sos) {
            fixes.add(sos.fix());
        } else if (message instanceof PositionBatch batch) {
            batch.positions().forEach(report -> fixes.add(report.fix()));
        }
        return fixes;
    }
}
