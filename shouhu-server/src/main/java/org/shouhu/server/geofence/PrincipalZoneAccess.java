package org.shouhu.server.geofence;

import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Zone;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.auth.Authenticated;
import org.shouhu.server.auth.Principal;
import org.shouhu.server.directory.ChildEntry;
import org.shouhu.server.directory.Directory;

/**
 * Zone access by the signed-in account:
 * <ul>
 *   <li>administrators see and change everything;</li>
 *   <li>police dispatchers see every zone and rule, and change nothing;</li>
 *   <li>guardians see the zones that serve one of their children or everyone (a river), and the rules that tell
 *       them; they create, change and delete zones that serve only their own children, and rules that cover only
 *       their own children and tell only themselves;</li>
 *   <li>installers, and requests that did not pass authentication, see and change nothing.</li>
 * </ul>
 * A guardian's children are read from the directory snapshot at each request (not blocking). Thread-safe.
 */
public final class PrincipalZoneAccess implements ZoneAccess {

    private final Directory directory;

    public PrincipalZoneAccess(Directory directory) {
        this.directory = directory;
    }

    @Override
    public boolean mayRead(RoutingContext request, Zone zone) {
        Optional<Principal> principal = Authenticated.find(request);
        if (principal.isEmpty()) {
            return false;
        }
        if (principal.get() instanceof Principal.GuardianAccount guardian) {
            return zone.children().isEmpty() || intersects(zone.children(), devicesOf(guardian));
        }
        return isStaff(principal.get());
    }

    @Override
    public boolean mayRead(RoutingContext request, Rule rule) {
        Optional<Principal> principal = Authenticated.find(request);
        if (principal.isEmpty()) {
            return false;
        }
        if (principal.get() instanceof Principal.GuardianAccount guardian) {
            return rule.guardians().contains(guardian.guardianId());
        }
        return isStaff(principal.get());
    }

    @Override
    public boolean mayChange(RoutingContext request, Zone zone) {
        Optional<Principal> principal = Authenticated.find(request);
        if (principal.isEmpty()) {
            return false;
        }
        if (principal.get() instanceof Principal.GuardianAccount guardian) {
            return !zone.children().isEmpty() && devicesOf(guardian).containsAll(zone.children());
        }
        return principal.get() instanceof Principal.Administrator;
    }

    @Override
    public boolean mayChange(RoutingContext request, Rule rule) {
        Optional<Principal> principal = Authenticated.find(request);
        if (principal.isEmpty()) {
            return false;
        }
        if (principal.get() instanceof Principal.GuardianAccount guardian) {
            return rule.guardians().equals(Set.of(guardian.guardianId())) && !rule.devices().isEmpty()
                    && devicesOf(guardian).containsAll(rule.devices());
        }
        return principal.get() instanceof Principal.Administrator;
    }

    private static boolean isStaff(Principal principal) {
        return principal instanceof Principal.Administrator || principal instanceof Principal.Dispatcher;
    }

    private Set<DeviceId> devicesOf(Principal.GuardianAccount guardian) {
        Set<DeviceId> devices = new HashSet<>();
        for (ChildEntry child : directory.snapshot().content().children()) {
            if (child.guardianIds().contains(guardian.guardianId())) {
                devices.add(child.device());
            }
        }
        return devices;
    }

    private static boolean intersects(Set<DeviceId> a, Set<DeviceId> b) {
        for (DeviceId device : a) {
            if (b.contains(device)) {
                return true;
            }
        }
        return false;
    }
}
