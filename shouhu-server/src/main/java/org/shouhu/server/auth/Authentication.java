package org.shouhu.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.shouhu.server.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request under {@code /api/} through only with a valid bearer token, and puts the account into the request
 * for {@link Authenticated#principal}. The token is taken from {@code Authorization: Bearer <token>}, or, for the
 * browser (pages, {@code EventSource}, WebSocket, which cannot set that header), from the HttpOnly cookie
 * {@value #COOKIE} that {@code POST /api/auth/token} sets. A missing, expired, revoked or forged token gets 401.
 * Sign-in itself and the API description are public. Thread-safe.
 */
public final class Authentication implements Handler<RoutingContext> {

    /** The cookie carrying the token for browsers. */
    public static final String COOKIE = "shouhu_token";

    /** Paths under {@code /api/} that need no token. */
    static final Set<String> PUBLIC_PATHS = Set.of(TokenRoutes.TOKEN_PATH, "/api/openapi.yaml");

    /** Runs before every other route under {@code /api/}, whatever order routes are added in. */
    private static final int ORDER = -1_000;
    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

    private final TokenService tokens;
    private final WorkerExecutor executor;

    public Authentication(TokenService tokens, WorkerExecutor executor) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Protects every route under {@code /api/}. Routes elsewhere (a page, a feed outside {@code /api/}) add this
     * handler to themselves: {@code router.get("/map/feed").handler(authentication).handler(...)}.
     */
    public void mount(Router router) {
        router.route("/api/*").order(ORDER).handler(this);
    }

    @Override
    public void handle(RoutingContext context) {
        if (Authenticated.find(context).isPresent() || PUBLIC_PATHS.contains(context.normalizedPath())) {
            context.next();
            return;
        }
        Optional<String> token = token(context);
        if (token.isEmpty()) {
            refuse(context, "unauthenticated", "sign in with POST " + TokenRoutes.TOKEN_PATH
                    + " and send Authorization: Bearer <token>");
            return;
        }
        // The token is checked against the database on a worker; hold the body back until the route is chosen.
        boolean paused = !context.request().isEnded();
        if (paused) {
            context.request().pause();
        }
        Future<Optional<Principal>> resolved = executor.executeBlocking(() -> tokens.resolve(token.get()), false);
        resolved.onComplete(result -> {
            if (paused) {
                context.request().resume();
            }
            if (result.failed()) {
                LOG.error("token check failed", result.cause());
                ApiErrors.send(context, 503, "auth_unavailable", "the token could not be checked; try again");
            } else if (result.result().isEmpty()) {
                refuse(context, "invalid_token", "the token is expired, revoked or was never issued");
            } else {
                Authenticated.set(context, result.result().get());
                context.next();
            }
        });
    }

    /** The token from the Authorization header, else from the cookie. */
    static Optional<String> token(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            return header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7
                    ? Optional.of(header.substring(7).trim()) : Optional.empty();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    private static void refuse(RoutingContext context, String error, String detail) {
        context.response().putHeader("WWW-Authenticate", "Bearer realm=\"shouhu\"");
        ApiErrors.send(context, 401, error, detail);
    }
}
