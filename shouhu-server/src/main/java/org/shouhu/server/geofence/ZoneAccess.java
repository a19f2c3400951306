package org.shouhu.server.geofence;

import io.vertx.ext.web.RoutingContext;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Zone;

/**
 * Who may see and change which zones and rules: the seam where authorization plugs into the zone API. The routes
 * receive requests already authenticated by the handlers mounted before them and ask this policy about each zone or
 * rule they would read or write; a refusal answers 403 and changes nothing. Implementations must be thread-safe and
 * must not block (they run on the event loop).
 */
public interface ZoneAccess {

    /** Allows everything: for a server whose API is not exposed beyond operators, and for tests. */
    ZoneAccess OPEN = new ZoneAccess() {
        @Override
        public boolean mayRead(RoutingContext request, Zone zone) {
            return true;
        }

        @Override
        public boolean mayRead(RoutingContext request, Rule rule) {
            return true;
        }

        @Override
        public boolean mayChange(RoutingContext request, Zone zone) {
            return true;
        }

        @Override
        public boolean mayChange(RoutingContext request, Rule rule) {
            return true;
        }
    };

    /** Whether the caller may see the zone (listed or fetched) and its rules. */
    boolean mayRead(RoutingContext request, Zone zone);

    /** Whether the caller may see the rule. */
    boolean mayRead(RoutingContext request, Rule rule);

    /** Whether the caller may create, replace or delete this zone (asked for both the old and the new version). */
    boolean mayChange(RoutingContext request, Zone zone);

    /** Whether the caller may create, replace or delete this rule. */
    boolean mayChange(RoutingContext request, Rule rule);
}
