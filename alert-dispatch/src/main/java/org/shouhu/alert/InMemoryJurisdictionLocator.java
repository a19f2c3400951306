package org.shouhu.alert;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link JurisdictionLocator} over latitude/longitude rectangles held in memory, for tests and demos (the server
 * uses the geofence engine's polygons). The first registered rectangle containing the position wins. Thread-safe.
 */
public final class InMemoryJurisdictionLocator implements JurisdictionLocator {

    private record Area(PoliceJurisdiction jurisdiction, double south, double west, double north, double east) {
        boolean contains(double latitude, double longitude) {
            return latitude >= south && latitude <= north && longitude >= west && longitude <= east;
        }
    }

    private final List<Area> areas = new CopyOnWriteArrayList<>();

    /** Adds a jurisdiction covering the rectangle between the given latitudes and longitudes (inclusive). */
    public InMemoryJurisdictionLocator add(PoliceJurisdiction jurisdiction, double south, double west, double north,
                                           double east) {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        if (!(south <= north && west <= east)) {
            throw new IllegalArgumentException("need south <= north and west <= east");
        }
        areas.add(new Area(jurisdiction, south, west, north, east));
        return this;
    }

    @Override
    public Optional<PoliceJurisdiction> locate(double latitude, double longitude) {
        return areas.stream().filter(a -> a.contains(latitude, longitude)).map(Area::jurisdiction).findFirst();
    }
}
