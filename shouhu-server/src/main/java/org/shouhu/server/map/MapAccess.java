package org.shouhu.server.map;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import org.shouhu.protocol.DeviceId;

/**
 * The map's seam to accounts: who is asking (from what the authentication handler established, never from a
 * jurisdiction the browser names), and the access log every read of a child's location is written to.
 */
public interface MapAccess {

    /**
     * The viewer of this request.
     *
     * @return the viewer; empty when the account may not use the map at all (403)
     * @throws ViewerUnknownException when nobody is signed in (401)
     */
    Optional<MapViewer> viewer(RoutingContext context);

    /**
     * Writes one read of a wristband's location (or a refused attempt) to the access log before it is served.
     * Blocking: called on a worker thread. A failure refuses the read.
     *
     * @param action   what was read: {@code map.track}, {@code map.device}, {@code map.live}
     * @param device   the wristband, empty for the live feed as a whole
     */
    void recordRead(RoutingContext context, String action, Optional<DeviceId> device, boolean allowed, String detail)
            throws Exception;

    /**
     * The jurisdictions whose dispatchers see this wristband wherever it is (assigned to them), besides the one it is
     * in. Must not block: called for every position on the feed.
     */
    default Set<String> assignedJurisdictions(DeviceId device) {
        return Set.of();
    }

    /** Nobody signed in: the map answers 401 so that the page asks for a sign-in. */
    final class ViewerUnknownException extends RuntimeException {
        public ViewerUnknownException(String message) {
            super(message);
        }
    }
}
