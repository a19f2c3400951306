package org.shouhu.sim.region;

import java.util.Objects;

/**
 * A generated dangerous place near a village (a river bank, a reservoir), modelled as a circle. The server's demo
 * registers these as danger zones; scenarios can send a child into one.
 */
public record DangerSpot(String id, String description, GeoPoint centre, double radiusMetres) {

    public DangerSpot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(centre, "centre");
        if (!(radiusMetres > 0 && radiusMetres <= 5_000)) {
            throw new IllegalArgumentException("danger spot radius must be in (0, 5000] metres: " + radiusMetres);
        }
    }
}
