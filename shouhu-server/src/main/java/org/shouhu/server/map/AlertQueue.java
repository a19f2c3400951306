package org.shouhu.server.map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.AlertSummary;
import org.shouhu.alert.JurisdictionLocator;
import org.shouhu.alert.PoliceJurisdiction;
import org.shouhu.server.directory.Directory;
import org.shouhu.server.directory.PoliceJurisdictionEntry;
import org.shouhu.server.http.AlertJson;

/**
 * The open alert queue as one viewer sees it: the alerts of their jurisdiction (by the police the alert went to, or
 * by where the child is), SOS first, newest first within a kind. Thread-safe (reads immutable directory snapshots).
 */
final class AlertQueue {

    /** SOS on top, however old; newest first within a kind (the page sorts the same way). */
    static final Comparator<AlertSummary> ORDER = Comparator
            .comparing((AlertSummary alert) -> alert.kind() == AlertKind.SOS ? 0 : 1)
            .thenComparing(AlertSummary::raisedAt, Comparator.reverseOrder());

    private final Directory directory;
    private final JurisdictionLocator locator;

    AlertQueue(Directory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.locator = directory;
    }

    /** The queue for {@code viewer} as the page reads it: {@code {"alerts": [...]}}. */
    String json(List<AlertSummary> open, MapViewer viewer) {
        JsonArray alerts = new JsonArray();
        open.stream().filter(alert -> visible(alert, viewer)).sorted(ORDER)
                .forEach(alert -> alerts.add(AlertJson.summary(alert).put("jurisdictionId",
                        jurisdictionIdOf(alert).orElse(null))));
        return new JsonObject().put("alerts", alerts).encode();
    }

    boolean visible(AlertSummary alert, MapViewer viewer) {
        if (viewer.seesEverything()) {
            return true;
        }
        String own = viewer.jurisdiction().get();
        if (jurisdictionIdOf(alert).filter(own::equals).isPresent()) {
            return true;
        }
        return alert.position().flatMap(position -> locator.locate(position.latitude(), position.longitude()))
                .map(PoliceJurisdiction::id).filter(own::equals).isPresent();
    }

    /** The directory id of the jurisdiction whose police the alert went to, if it is one of ours. */
    private Optional<String> jurisdictionIdOf(AlertSummary alert) {
        return directory.snapshot().content().jurisdictions().stream()
                .filter(entry -> entry.name().equals(alert.jurisdictionName()))
                .map(PoliceJurisdictionEntry::id).findFirst();
    }
}
