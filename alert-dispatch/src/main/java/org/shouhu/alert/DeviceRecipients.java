package org.shouhu.alert;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The child wearing a device and the child's guardians, in the order they are tried. */
public record DeviceRecipients(Child child, List<Guardian> guardians) {

    public DeviceRecipients {
        Objects.requireNonNull(child, "child");
        guardians = List.copyOf(guardians);
    }

    public Optional<Guardian> guardian(String guardianId) {
        return guardians.stream().filter(g -> g.id().equals(guardianId)).findFirst();
    }
}
