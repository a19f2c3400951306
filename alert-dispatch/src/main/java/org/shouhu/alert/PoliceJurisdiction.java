package org.shouhu.alert;

import java.net.URI;
import java.util.Objects;

/**
 * A police area and the endpoint receiving its CAP alerts.
 *
 * @param id          stable identifier ("520000-qiandongnan-rongjiang")
 * @param name        the name shown in CAP {@code <areaDesc>}
 * @param capEndpoint where CAP documents are POSTed
 */
public record PoliceJurisdiction(String id, String name, URI capEndpoint) {

    public PoliceJurisdiction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(capEndpoint, "capEndpoint");
        if (id.isBlank()) {
            throw new IllegalArgumentException("jurisdiction id must not be blank");
        }
        if (!"http".equals(capEndpoint.getScheme()) && !"https".equals(capEndpoint.getScheme())) {
            throw new IllegalArgumentException("CAP endpoint must be http or https: " + capEndpoint);
        }
    }
}
