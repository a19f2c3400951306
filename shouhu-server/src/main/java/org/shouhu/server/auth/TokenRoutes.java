package org.shouhu.server.auth;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.server.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sign-out:
 * <pre>
 *   POST /api/auth/token   {"username": "...", "password": "..."}  → {"token", "tokenType", "expiresAt", "account"}
 *   POST /api/auth/logout  revokes the token the request carries
 *   GET  /api/auth/me      the signed-in account
 * </pre>
 * Sign-in also sets the token as an HttpOnly, SameSite=Strict cookie for browser pages. A wrong user name and a wrong
 * password get the same 401 and take the same time; repeated failures get 429 for a while ({@link SignInThrottle}).
 */
public final class TokenRoutes {

    public static final String TOKEN_PATH = "/api/auth/token";

    private static final Logger LOG = LoggerFactory.getLogger(TokenRoutes.class);

    private final AccountStore accounts;
    private final TokenService tokens;
    private final WorkerExecutor executor;
    private final Clock clock;
    private final SignInThrottle throttle;

    public TokenRoutes(AccountStore accounts, TokenService tokens, WorkerExecutor executor, Clock clock,
                       SignInThrottle throttle) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    public void mount(Router router) {
        router.post(TOKEN_PATH).handler(BodyHandler.create().setBodyLimit(4 * 1024)).handler(this::issue);
        router.post("/api/auth/logout").handler(this::logout);
        router.get("/api/auth/me").handler(context -> context.response()
                .putHeader("content-type", "application/json")
                .end(account(Authenticated.principal(context)).encode()));
    }

    private void issue(RoutingContext context) {
        String username;
        String password;
        try {
            JsonObject body = context.body().asJsonObject();
            username = body == null ? null : body.getString("username");
            password = body == null ? null : body.getString("password");
        } catch (RuntimeException e) {
            ApiErrors.send(context, 400, "bad_request", "body must be JSON {\"username\": ..., \"password\": ...}");
            return;
        }
        if (username == null || password == null) {
            ApiErrors.send(context, 400, "bad_request", "body needs string fields username and password");
            return;
        }
        String address = context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress();
        // Known and unknown user names take the same statements and the same password work, so the same time.
        executor.executeBlocking(() -> signIn(username, password, address), false).onComplete(result -> {
            if (result.failed()) {
                LOG.error("sign-in failed", result.cause());
                ApiErrors.send(context, 503, "auth_unavailable", "sign-in is unavailable; try again");
            } else if (result.result() instanceof Refused refused) {
                long seconds = Math.max(1, refused.retryAfter().toSeconds());
                LOG.warn("sign-in as {} from {} refused: too many failures", username, address);
                context.response().putHeader("retry-after", Long.toString(seconds));
                ApiErrors.send(context, 429, "too_many_failures",
                        "too many failed sign-ins; try again in " + seconds + " s");
            } else if (result.result() instanceof Issued signedIn) {
                IssuedToken issued = signedIn.token();
                long maxAge = Math.max(0, Duration.between(clock.instant(), issued.expiresAt()).toSeconds());
                context.response().addCookie(cookie(issued.token(), maxAge))
                        .putHeader("content-type", "application/json")
                        .putHeader("cache-control", "no-store")
                        .end(new JsonObject().put("token", issued.token()).put("tokenType", "Bearer")
                                .put("expiresAt", issued.expiresAt().toString())
                                .put("account", account(issued.principal())).encode());
            } else {
                LOG.info("refused sign-in as {} from {}", username, address);
                ApiErrors.send(context, 401, "invalid_credentials", "unknown user name or wrong password");
            }
        });
    }

    /** What a sign-in attempt came to. */
    private sealed interface Outcome permits Refused, Rejected, Issued {
    }

    /** Too many failures: refused without looking at the password. */
    private record Refused(Duration retryAfter) implements Outcome {
    }

    /** Unknown user name or wrong password. */
    private record Rejected() implements Outcome {
    }

    private record Issued(IssuedToken token) implements Outcome {
    }

    /** Blocking: counts the attempt with the throttle, checks the password and issues a token. */
    private Outcome signIn(String username, String password, String address) throws SQLException {
        Optional<Duration> wait = throttle.attempt(username, address);
        if (wait.isPresent()) {
            return new Refused(wait.get());
        }
        Optional<Principal> principal = accounts.authenticate(username, password);
        if (principal.isEmpty()) {
            return new Rejected(); // the attempt stays counted as a failure
        }
        throttle.succeeded(username, address);
        return new Issued(tokens.issue(principal.get()));
    }

    private void logout(RoutingContext context) {
        Optional<String> token = Authentication.token(context);
        executor.executeBlocking(() -> {
            if (token.isPresent()) {
                tokens.revoke(token.get());
            }
            return null;
        }, false).onComplete(result -> {
            if (result.failed()) {
                LOG.error("sign-out failed", result.cause());
                ApiErrors.send(context, 503, "auth_unavailable", "sign-out is unavailable; try again");
            } else {
                context.response().addCookie(cookie("", 0)).setStatusCode(204).end();
            }
        });
    }

    private static Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(Authentication.COOKIE, value).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setMaxAge(maxAgeSeconds);
    }

    /** The account as the API shows it. */
    public static JsonObject account(Principal principal) {
        JsonObject json = new JsonObject().put("username", principal.username()).put("role", principal.role().token());
        if (principal instanceof Principal.Dispatcher dispatcher) {
            json.put("jurisdiction", dispatcher.jurisdictionId());
        } else if (principal instanceof Principal.GuardianAccount guardian) {
            json.put("guardian", guardian.guardianId());
        }
        return json;
    }
}
