package org.shouhu.sim.region;

import java.util.Objects;

/** A generated village: where children live. {@code id} is stable for a seed ("V0001"). */
public record Village(String id, String name, GeoPoint centre) {

    public Village {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(centre, "centre");
    }
}
