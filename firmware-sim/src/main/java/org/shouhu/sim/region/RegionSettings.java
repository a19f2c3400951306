package org.shouhu.sim.region;

import java.util.Objects;
import org.shouhu.protocol.DeviceId;

/**
 * What region to generate.
 *
 * @param centre        centre of the region (default Bijie, Guizhou: lat 27.3, lon 105.3)
 * @param widthKm       east-west extent, 1..2000 km (default 200)
 * @param heightKm      north-south extent, 1..2000 km (default 200)
 * @param villageCount  number of villages, 1..100000 (default 400)
 * @param schoolCount   number of schools, 1..villageCount (default 60)
 * @param seed          the generation seed: same seed and settings, same region
 * @param firstImei     IMEI of the device with index 0; device i gets {@code firstImei + i}
 */
public record RegionSettings(GeoPoint centre, double widthKm, double heightKm, int villageCount, int schoolCount,
                             long seed, long firstImei) {

    public static final GeoPoint BIJIE = new GeoPoint(27.3, 105.3);
    public static final long DEFAULT_FIRST_IMEI = 868_000_000_000_000L;

    public RegionSettings {
        Objects.requireNonNull(centre, "centre");
        if (!(widthKm >= 1 && widthKm <= 2000) || !(heightKm >= 1 && heightKm <= 2000)) {
            throw new IllegalArgumentException("region extent must be 1..2000 km: " + widthKm + " x " + heightKm);
        }
        if (villageCount < 1 || villageCount > 100_000) {
            throw new IllegalArgumentException("village count must be 1..100000: " + villageCount);
        }
        if (schoolCount < 1 || schoolCount > villageCount) {
            throw new IllegalArgumentException("school count must be 1..villageCount (" + villageCount + "): " + schoolCount);
        }
        new DeviceId(firstImei); // validates the 15-digit range
        double halfHeightDegrees = heightKm / 2 / 111.2;
        if (Math.abs(centre.latitude()) + halfHeightDegrees > 80) {
            throw new IllegalArgumentException("region must stay within latitudes -80..80");
        }
    }

    /** The default region around Bijie for a seed. */
    public static RegionSettings defaults(long seed) {
        return new RegionSettings(BIJIE, 200, 200, 400, 60, seed, DEFAULT_FIRST_IMEI);
    }

    public RegionSettings withCentre(GeoPoint newCentre) {
        return new RegionSettings(newCentre, widthKm, heightKm, villageCount, schoolCount, seed, firstImei);
    }

    public RegionSettings withFirstImei(long imei) {
        return new RegionSettings(centre, widthKm, heightKm, villageCount, schoolCount, seed, imei);
    }

    /** The device id of the device with the given index. */
    public DeviceId deviceIdOf(int index) {
        return new DeviceId(firstImei + index);
    }
}
