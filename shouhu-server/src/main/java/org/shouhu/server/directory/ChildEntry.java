package org.shouhu.server.directory;

import java.util.List;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;

/** A child wearing a wristband, with guardian ids in the order they are to be called. */
public record ChildEntry(String id, String name, DeviceId device, List<String> guardianIds) {

    public ChildEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        guardianIds = List.copyOf(guardianIds);
        if (guardianIds.isEmpty()) {
            throw new IllegalArgumentException("child " + id + " has no guardian");
        }
    }
}
