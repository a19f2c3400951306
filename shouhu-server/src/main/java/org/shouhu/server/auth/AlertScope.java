package org.shouhu.server.auth;

import java.util.Objects;
import java.util.Optional;
import org.shouhu.alert.AlertId;
import org.shouhu.protocol.DeviceId;

/**
 * What decides who may see an alert: the child it is about and the police jurisdiction it was raised in.
 *
 * @param jurisdictionId the directory id of the police jurisdiction told about it; empty when the child was outside
 *                       every jurisdiction (then only administrators see it)
 */
public record AlertScope(AlertId id, String childId, DeviceId device, Optional<String> jurisdictionId) {

    public AlertScope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(childId, "childId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(jurisdictionId, "jurisdictionId");
    }
}
