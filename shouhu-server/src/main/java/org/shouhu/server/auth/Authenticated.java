package org.shouhu.server.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Where {@link Authentication} leaves the signed-in account in a request. Routes behind it read it with
 * {@link #principal(RoutingContext)}.
 */
public final class Authenticated {

    static final String KEY = "shouhu.principal";

    private Authenticated() {
    }

    /**
     * The account the request was authenticated as.
     *
     * @throws IllegalStateException when the route is not behind {@link Authentication} (a wiring mistake, never
     *                               a client error)
     */
    public static Principal principal(RoutingContext context) {
        Principal principal = context.get(KEY);
        if (principal == null) {
            throw new IllegalStateException("no principal on " + context.request().path()
                    + ": the route is not behind the authentication handler");
        }
        return principal;
    }

    /** The account, when the request passed {@link Authentication}. */
    public static Optional<Principal> find(RoutingContext context) {
        return Optional.ofNullable(context.get(KEY));
    }

    static void set(RoutingContext context, Principal principal) {
        context.put(KEY, principal);
    }
}
