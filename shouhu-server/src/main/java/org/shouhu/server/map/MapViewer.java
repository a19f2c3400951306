package org.shouhu.server.map;

import java.util.Objects;
import java.util.Optional;
import org.shouhu.alert.Actor;

/**
 * Who is looking at the map and which jurisdiction they may see. A dispatcher sees the wristbands currently inside
 * their jurisdiction and the alerts of it; an administrator sees everything.
 *
 * @param actor        how acknowledgements from this map are recorded in the alert audit trail
 * @param jurisdiction the directory id of the only jurisdiction visible; empty for everything
 */
public record MapViewer(Actor actor, Optional<String> jurisdiction) {

    public MapViewer {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
    }

    public static MapViewer dispatcher(Actor actor, String jurisdictionId) {
        return new MapViewer(actor, Optional.of(jurisdictionId));
    }

    public static MapViewer everything(Actor actor) {
        return new MapViewer(actor, Optional.empty());
    }

    /** Whether a wristband or alert in {@code jurisdictionId} (null: outside every jurisdiction) is visible. */
    public boolean sees(String jurisdictionId) {
        return jurisdiction.isEmpty() || jurisdiction.get().equals(jurisdictionId);
    }

    public boolean seesEverything() {
        return jurisdiction.isEmpty();
    }
}
