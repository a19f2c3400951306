package org.shouhu.server.auth;

import java.util.Objects;
import java.util.Optional;
import org.shouhu.protocol.DeviceId;

/**
 * One attempt to read a child's location, for the access log.
 *
 * @param action  what was read, e.g. {@code guardian.position}, {@code map.track}, {@code live.subscribe}
 * @param childId the child, when known
 * @param device  the wristband, when known
 * @param allowed whether the read was allowed
 * @param detail  free text for the reader of the log (time range, reason of a refusal)
 */
public record LocationRead(Principal principal, String action, Optional<String> childId, Optional<DeviceId> device,
                           boolean allowed, String detail) {

    public LocationRead {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(childId, "childId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(detail, "detail");
    }

    public static LocationRead allowed(Principal principal, String action, String childId, DeviceId device,
                                       String detail) {
        return new LocationRead(principal, action, Optional.ofNullable(childId), Optional.ofNullable(device), true,
                detail);
    }

    public static LocationRead refused(Principal principal, String action, String childId, String detail) {
        return new LocationRead(principal, action, Optional.ofNullable(childId), Optional.empty(), false, detail);
    }
}
