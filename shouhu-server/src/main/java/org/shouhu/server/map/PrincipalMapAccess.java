package org.shouhu.server.map;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.shouhu.server.auth.DeviceAssignments;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.auth.AccessLog;
import org.shouhu.server.auth.Authenticated;
import org.shouhu.server.auth.LocationRead;
import org.shouhu.server.auth.Principal;
import org.shouhu.server.directory.Directory;

/**
 * Map access for signed-in accounts: a police dispatcher sees their own jurisdiction and the wristbands assigned to
 * it wherever they are, an administrator everything;
 * guardians and installers are refused (guardians have their own API). Reads are written to the access log.
 * Thread-safe.
 */
public final class PrincipalMapAccess implements MapAccess {

    private final AccessLog accessLog;
    private final Directory directory;
    private final DeviceAssignments assignments;

    public PrincipalMapAccess(AccessLog accessLog, Directory directory, DeviceAssignments assignments) {
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.assignments = Objects.requireNonNull(assignments, "assignments");
    }

    @Override
    public Set<String> assignedJurisdictions(DeviceId device) {
        return assignments.jurisdictionsOf(device);
    }

    @Override
    public Optional<MapViewer> viewer(RoutingContext context) {
        Principal principal = Authenticated.find(context).orElseThrow(() ->
                new ViewerUnknownException("sign in with POST /api/auth/token"));
        if (principal instanceof Principal.Administrator) {
            return Optional.of(MapViewer.everything(principal.actor()));
        }
        if (principal instanceof Principal.Dispatcher dispatcher) {
            return Optional.of(MapViewer.dispatcher(principal.actor(), dispatcher.jurisdictionId()));
        }
        return Optional.empty();
    }

    @Override
    public void recordRead(RoutingContext context, String action, Optional<DeviceId> device, boolean allowed,
                           String detail) throws Exception {
        Principal principal = Authenticated.principal(context);
        String child = device.flatMap(directory::forDevice).map(recipients -> recipients.child().id()).orElse(null);
        accessLog.record(List.of(new LocationRead(principal, action, Optional.ofNullable(child), device, allowed,
                detail)));
    }
}
