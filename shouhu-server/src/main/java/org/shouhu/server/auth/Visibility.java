package org.shouhu.server.auth;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.shouhu.alert.PoliceJurisdiction;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.directory.ChildEntry;
import org.shouhu.server.directory.Directory;
import org.shouhu.server.directory.DirectorySnapshot;

/**
 * Who may see what. An administrator sees everything. A police dispatcher sees their jurisdiction, the wristbands
 * whose newest fix is inside it or that are assigned to it ({@link DeviceAssignments}), every alert raised in it and
 * the alerts of its assigned wristbands. A guardian sees the children the directory lists them as guardian of, and
 * those children's alerts. An installer sees no locations and no alerts.
 *
 * <p>The checks marked blocking read the database (where a wristband is now, which jurisdiction an alert was raised
 * in): call them off the event loop. The others answer from memory and suit the live feed. Thread-safe.
 */
public final class Visibility {

    private final Directory directory;
    private final DeviceWhereabouts whereabouts;
    private final AlertScopes alertScopes;
    private final DeviceAssignments assignments;

    public Visibility(Directory directory, DeviceWhereabouts whereabouts, AlertScopes alertScopes,
                      DeviceAssignments assignments) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.whereabouts = Objects.requireNonNull(whereabouts, "whereabouts");
        this.alertScopes = Objects.requireNonNull(alertScopes, "alertScopes");
        this.assignments = Objects.requireNonNull(assignments, "assignments");
    }

    /** Whether the principal may see anything of the jurisdiction (its boundary, its zones, its queue). */
    public boolean maySeeJurisdiction(Principal principal, String jurisdictionId) {
        if (principal instanceof Principal.Administrator) {
            return true;
        }
        return principal instanceof Principal.Dispatcher dispatcher
                && dispatcher.jurisdictionId().equals(jurisdictionId);
    }

    /** Whether the principal may ever read locations (an installer may not). */
    public boolean mayReadLocations(Principal principal) {
        return !(principal instanceof Principal.Installer);
    }

    /**
     * Whether the principal may see this wristband at this position: for the live feed, where the position in hand
     * is the device's newest. Not blocking.
     */
    public boolean maySeePositionAt(Principal principal, DeviceId device, double latitude, double longitude) {
        if (principal instanceof Principal.Administrator) {
            return true;
        }
        if (principal instanceof Principal.Dispatcher dispatcher) {
            return assignments.isAssigned(device, dispatcher.jurisdictionId())
                    || jurisdictionAt(latitude, longitude).filter(dispatcher.jurisdictionId()::equals).isPresent();
        }
        if (principal instanceof Principal.GuardianAccount guardian) {
            return isGuardianOf(guardian, device);
        }
        return false;
    }

    /** Whether the principal may see the wristband and its positions now. Blocking for dispatchers. */
    public boolean maySeeDevice(Principal principal, DeviceId device) throws SQLException {
        if (principal instanceof Principal.Administrator) {
            return true;
        }
        if (principal instanceof Principal.Dispatcher dispatcher) {
            if (assignments.isAssigned(device, dispatcher.jurisdictionId())) {
                return true;
            }
            Optional<DeviceWhereabouts.Place> place = whereabouts.latest(device);
            return place.isPresent() && jurisdictionAt(place.get().latitude(), place.get().longitude())
                    .filter(dispatcher.jurisdictionId()::equals).isPresent();
        }
        if (principal instanceof Principal.GuardianAccount guardian) {
            return isGuardianOf(guardian, device);
        }
        return false;
    }

    /**
     * The child, if it exists and the principal may see it and its positions now; an unknown child and a child
     * the principal may not see are not told apart. Blocking for dispatchers.
     */
    public Optional<ChildEntry> visibleChild(Principal principal, String childId) throws SQLException {
        Optional<ChildEntry> child = snapshot().content().children().stream()
                .filter(entry -> entry.id().equals(childId)).findFirst();
        if (child.isEmpty() || !maySeeDevice(principal, child.get().device())) {
            return Optional.empty();
        }
        return child;
    }

    /**
     * The children the principal may see now, in directory order. Blocking for dispatchers: one query for the
     * newest place of every wristband, then each is located in memory.
     */
    public List<ChildEntry> visibleChildren(Principal principal) throws SQLException {
        List<ChildEntry> children = snapshot().content().children();
        if (principal instanceof Principal.Administrator) {
            return children;
        }
        Set<ChildEntry> visible = new LinkedHashSet<>();
        if (principal instanceof Principal.Dispatcher dispatcher) {
            Map<DeviceId, DeviceWhereabouts.Place> places = whereabouts.all();
            for (ChildEntry child : children) {
                DeviceWhereabouts.Place place = places.get(child.device());
                if (assignments.isAssigned(child.device(), dispatcher.jurisdictionId())) {
                    visible.add(child);
                } else if (place != null && jurisdictionAt(place.latitude(), place.longitude())
                        .filter(dispatcher.jurisdictionId()::equals).isPresent()) {
                    visible.add(child);
                }
            }
        } else if (principal instanceof Principal.GuardianAccount guardian) {
            for (ChildEntry child : children) {
                if (child.guardianIds().contains(guardian.guardianId())) {
                    visible.add(child);
                }
            }
        }
        return List.copyOf(visible);
    }

    /** The ids of the children a guardian account is guardian of; empty for other principals. Not blocking. */
    public Set<String> childrenOfGuardian(Principal principal) {
        if (!(principal instanceof Principal.GuardianAccount guardian)) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (ChildEntry child : snapshot().content().children()) {
            if (child.guardianIds().contains(guardian.guardianId())) {
                ids.add(child.id());
            }
        }
        return ids;
    }

    /** Whether the principal may see the alert. Not blocking (the scope is read before). */
    public boolean maySeeAlert(Principal principal, AlertScope alert) {
        if (principal instanceof Principal.Administrator) {
            return true;
        }
        if (principal instanceof Principal.Dispatcher dispatcher) {
            return alert.jurisdictionId().filter(dispatcher.jurisdictionId()::equals).isPresent()
                    || assignments.isAssigned(alert.device(), dispatcher.jurisdictionId());
        }
        if (principal instanceof Principal.GuardianAccount) {
            return childrenOfGuardian(principal).contains(alert.childId());
        }
        return false;
    }

    /** Whether the principal may resolve (close) the alert: police and administrators, not guardians. */
    public boolean mayResolveAlert(Principal principal, AlertScope alert) {
        return !(principal instanceof Principal.GuardianAccount) && maySeeAlert(principal, alert);
    }

    /** The scope of an alert, to check it with {@link #maySeeAlert}. Blocking. */
    public Optional<AlertScope> alertScope(org.shouhu.alert.AlertId id) throws SQLException {
        return alertScopes.scope(id);
    }

    /** The alerts the principal may list, newest first; only open ones when {@code openOnly}. Blocking. */
    public List<AlertScope> listableAlerts(Principal principal, boolean openOnly, int limit) throws SQLException {
        if (principal instanceof Principal.Dispatcher dispatcher) {
            return alertScopes.forJurisdiction(dispatcher.jurisdictionId(),
                    assignments.devicesOf(dispatcher.jurisdictionId()), openOnly, limit);
        }
        if (principal instanceof Principal.GuardianAccount) {
            return alertScopes.forChildren(childrenOfGuardian(principal), openOnly, limit);
        }
        if (principal instanceof Principal.Administrator) {
            return alertScopes.all(openOnly, limit);
        }
        return List.of();
    }

    private Optional<String> jurisdictionAt(double latitude, double longitude) {
        return directory.locate(latitude, longitude).map(PoliceJurisdiction::id);
    }

    private boolean isGuardianOf(Principal.GuardianAccount guardian, DeviceId device) {
        return directory.forDevice(device).filter(recipients -> recipients.guardians().stream()
                .anyMatch(entry -> entry.id().equals(guardian.guardianId()))).isPresent();
    }

    private DirectorySnapshot snapshot() {
        return directory.snapshot();
    }
}
