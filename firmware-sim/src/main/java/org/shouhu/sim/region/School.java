package org.shouhu.sim.region;

import java.util.Objects;

/** A generated school. {@code id} is stable for a seed ("S001"). */
public record School(String id, String name, GeoPoint location) {

    public School {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
    }
}
