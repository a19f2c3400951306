package org.shouhu.server.directory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.shouhu.alert.Guardian;

/** Everything in the directory, as loaded from a seed file or from the database. Checks its own references. */
public record DirectoryContent(List<PoliceJurisdictionEntry> jurisdictions, List<Guardian> guardians,
                               List<ChildEntry> children) {

    public DirectoryContent {
        jurisdictions = List.copyOf(jurisdictions);
        guardians = List.copyOf(guardians);
        children = List.copyOf(children);
        Set<String> guardianIds = new HashSet<>();
        for (Guardian guardian : guardians) {
            if (!guardianIds.add(guardian.id())) {
                throw new IllegalArgumentException("guardian id used twice: " + guardian.id());
            }
        }
        Set<Long> devices = new HashSet<>();
        Set<String> childIds = new HashSet<>();
        for (ChildEntry child : children) {
            if (!childIds.add(child.id())) {
                throw new IllegalArgumentException("child id used twice: " + child.id());
            }
            if (!devices.add(child.device().imei())) {
                throw new IllegalArgumentException("device " + child.device() + " is worn by two children");
            }
            for (String guardianId : child.guardianIds()) {
                if (!guardianIds.contains(guardianId)) {
                    throw new IllegalArgumentException("child " + child.id() + " names unknown guardian " + guardianId);
                }
            }
        }
    }
}
