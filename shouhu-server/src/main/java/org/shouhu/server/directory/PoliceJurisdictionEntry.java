package org.shouhu.server.directory;

import java.net.URI;
import java.util.Objects;

/** A police jurisdiction's boundary (GeoJSON geometry text, WGS-84) and its CAP endpoint. */
public record PoliceJurisdictionEntry(String id, String name, String boundaryGeoJson, URI capEndpoint) {

    public PoliceJurisdictionEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(boundaryGeoJson, "boundaryGeoJson");
        Objects.requireNonNull(capEndpoint, "capEndpoint");
        String scheme = capEndpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("jurisdiction " + id + ": CAP endpoint must be http(s): " + capEndpoint);
        }
    }
}
