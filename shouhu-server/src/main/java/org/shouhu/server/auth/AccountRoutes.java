package org.shouhu.server.auth;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.server.directory.Directory;
import org.shouhu.server.http.ApiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account administration, for administrators only:
 * <pre>
 *   GET  /api/accounts   every account (never a password hash)
 *   POST /api/accounts   {"username", "displayName", "password", "role", "jurisdiction" | "guardian"}  → 201
 *   POST /api/accounts/{username}/disable   stops the account at once (its tokens are revoked)
 *   POST /api/accounts/{username}/enable
 * </pre>
 * A dispatcher's jurisdiction and a guardian account's guardian must exist in the directory.
 */
public final class AccountRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);

    private final AccountStore accounts;
    private final Directory directory;
    private final WorkerExecutor executor;

    public AccountRoutes(AccountStore accounts, Directory directory, WorkerExecutor executor) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    public void mount(Router router) {
        router.route("/api/accounts").handler(BodyHandler.create().setBodyLimit(16 * 1024));
        router.get("/api/accounts").handler(this::list);
        router.post("/api/accounts").handler(this::create);
        router.post("/api/accounts/:username/disable").handler(context -> setDisabled(context, true));
        router.post("/api/accounts/:username/enable").handler(context -> setDisabled(context, false));
    }

    private void list(RoutingContext context) {
        if (!isAdministrator(context)) {
            return;
        }
        executor.executeBlocking(accounts::list, false).onComplete(result -> {
            if (result.failed()) {
                fail(context, result.cause());
                return;
            }
            JsonArray body = new JsonArray();
            result.result().forEach(view -> body.add(TokenRoutes.account(view.principal())
                    .put("displayName", view.displayName()).put("disabled", view.disabled())));
            context.response().putHeader("content-type", "application/json").end(body.encode());
        });
    }

    private void create(RoutingContext context) {
        if (!isAdministrator(context)) {
            return;
        }
        NewAccount account;
        try {
            account = newAccount(context.body().asJsonObject());
        } catch (RuntimeException e) {
            ApiErrors.send(context, 400, "bad_account", e.getMessage());
            return;
        }
        executor.executeBlocking(() -> accounts.create(account), false).onComplete(result -> {
            if (result.failed() && result.cause() instanceof AccountExistsException) {
                ApiErrors.send(context, 409, "account_exists", result.cause().getMessage());
            } else if (result.failed()) {
                fail(context, result.cause());
            } else {
                LOG.info("account {} created by {}", account, Authenticated.principal(context).username());
                context.response().setStatusCode(201).putHeader("content-type", "application/json")
                        .end(TokenRoutes.account(result.result()).put("displayName", account.displayName())
                                .encode());
            }
        });
    }

    private void setDisabled(RoutingContext context, boolean disabled) {
        if (!isAdministrator(context)) {
            return;
        }
        String username = context.pathParam("username");
        if (disabled && username.equals(Authenticated.principal(context).username())) {
            ApiErrors.send(context, 409, "own_account", "an administrator cannot disable their own account");
            return;
        }
        executor.executeBlocking(() -> accounts.setDisabled(username, disabled), false).onComplete(result -> {
            if (result.failed()) {
                fail(context, result.cause());
            } else if (!result.result()) {
                ApiErrors.send(context, 404, "account_not_found", "no account " + username);
            } else {
                LOG.info("account {} {} by {}", username, disabled ? "disabled" : "enabled",
                        Authenticated.principal(context).username());
                context.response().putHeader("content-type", "application/json").end(new JsonObject()
                        .put("username", username).put("disabled", disabled).encode());
            }
        });
    }

    private NewAccount newAccount(JsonObject body) {
        if (body == null) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        Role role = Role.fromToken(body.getString("role", ""));
        Optional<String> jurisdiction = Optional.ofNullable(body.getString("jurisdiction"));
        Optional<String> guardian = Optional.ofNullable(body.getString("guardian"));
        var content = directory.snapshot().content();
        if (jurisdiction.isPresent() && content.jurisdictions().stream()
                .noneMatch(entry -> entry.id().equals(jurisdiction.get()))) {
            throw new IllegalArgumentException("no jurisdiction '" + jurisdiction.get() + "' in the directory");
        }
        if (guardian.isPresent() && content.guardians().stream()
                .noneMatch(entry -> entry.id().equals(guardian.get()))) {
            throw new IllegalArgumentException("no guardian '" + guardian.get() + "' in the directory");
        }
        String username = body.getString("username");
        return new NewAccount(username, body.getString("displayName", username), body.getString("password"), role,
                jurisdiction, guardian);
    }

    private static boolean isAdministrator(RoutingContext context) {
        if (Authenticated.principal(context) instanceof Principal.Administrator) {
            return true;
        }
        ApiErrors.send(context, 403, "forbidden", "only administrators manage accounts");
        return false;
    }

    private static void fail(RoutingContext context, Throwable error) {
        LOG.error("account API failed", error);
        ApiErrors.send(context, 500, "internal_error", "see server log");
    }
}
