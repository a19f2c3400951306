package org.shouhu.server.auth;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.shouhu.server.directory.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sign-in, who may see what, the access log and retention, assembled over one database. The server builds
 * one at start-up; routes of other packages take {@link #authentication()}, {@link #visibility()},
 * {@link #accessLog()} and {@link #executor()} from it. Thread-safe.
 */
public final class AccessControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    /** How soon a device assignment made through another server is seen here. */
    private static final Duration ASSIGNMENT_RELOAD = Duration.ofSeconds(30);

    private final AccessConfig config;
    private final WorkerExecutor executor;
    private final AccountStore accounts;
    private final TokenService tokens;
    private final AccessLog accessLog;
    private final Visibility visibility;
    private final DeviceAssignments assignments;
    private final Authentication authentication;
    private final SignInThrottle throttle;
    private final RetentionJob retention;
    private final Clock clock;
    private final Directory directory;
    private long retentionTimer = -1;
    private long reloadTimer = -1;

    /**
     * @param positionRetention how long positions are kept ({@code ingest.retention}); alerts and the access log
     *                          must be kept longer
     * @throws IllegalArgumentException when a retention is not longer than the positions'
     */
    public AccessControl(Vertx vertx, DataSource dataSource, Directory directory, AccessConfig config, Clock clock,
                         Duration positionRetention) {
        this.config = Objects.requireNonNull(config, "config");
        config.checkOutlives(positionRetention);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.directory = Objects.requireNonNull(directory, "directory");
        if (config.bcryptCost() < AccessConfig.PRODUCTION_MIN_BCRYPT_COST) {
            LOG.warn("{} is {}: fine for tests, too weak for production (use at least {})",
                    AccessConfig.BCRYPT_COST, config.bcryptCost(), AccessConfig.PRODUCTION_MIN_BCRYPT_COST);
        }
        this.executor = vertx.createSharedWorkerExecutor("shouhu-access", 8);
        this.accounts = new AccountStore(dataSource, new PasswordHasher(config.bcryptCost()));
        this.tokens = new TokenService(dataSource, clock, config.tokenTtl());
        this.accessLog = new AccessLog(dataSource, clock);
        this.assignments = new DeviceAssignments(dataSource);
        this.visibility = new Visibility(directory, new DeviceWhereabouts(dataSource), new AlertScopes(dataSource),
                assignments);
        this.authentication = new Authentication(tokens, executor);
        this.throttle = new SignInThrottle(dataSource, clock, config.signInMaxFailures(), config.signInLockout());
        this.retention = new RetentionJob(dataSource, clock, config, accessLog, tokens, throttle);
    }

    /**
     * Loads what must be in memory before the first request (device assignments) and creates the configured
     * administrator account unless it exists. Blocking.
     */
    public void prepare() throws SQLException {
        assignments.reload();
        if (config.adminPassword().isPresent()) {
            boolean created = accounts.createIfAbsent(NewAccount.administrator(config.adminUsername(),
                    config.adminPassword().get()));
            LOG.info(created ? "administrator account {} created" : "administrator account {} exists; kept as is",
                    config.adminUsername());
        }
    }

    /** Mounts authentication over {@code /api/*}, sign-in and the account administration routes. */
    public void mount(Router router) {
        authentication.mount(router);
        new TokenRoutes(accounts, tokens, executor, clock, throttle).mount(router);
        new AccountRoutes(accounts, directory, executor).mount(router);
        new AssignmentRoutes(assignments, directory, executor).mount(router);
    }

    /**
     * Runs the retention job now and then every {@code access.prune-interval}, and reloads device assignments every
     * 30 s (changes made through this server apply at once).
     */
    public void startRetention(Vertx vertx) {
        reloadTimer = vertx.setPeriodic(ASSIGNMENT_RELOAD.toMillis(), timer ->
                executor.executeBlocking(() -> {
                    assignments.reload();
                    return null;
                }, false).onFailure(error -> LOG.error("reloading device assignments failed", error)));
        retentionTimer = vertx.setPeriodic(0, config.pruneInterval().toMillis(), timer ->
                executor.executeBlocking(retention::prune, false)
                        .onSuccess(pruned -> {
                            if (pruned.any()) {
                                LOG.info("retention: {}", pruned);
                            }
                        })
                        .onFailure(error -> LOG.error("retention job failed", error)));
    }

    public void stopRetention(Vertx vertx) {
        if (retentionTimer >= 0) {
            vertx.cancelTimer(retentionTimer);
            retentionTimer = -1;
        }
        if (reloadTimer >= 0) {
            vertx.cancelTimer(reloadTimer);
            reloadTimer = -1;
        }
    }

    public Authentication authentication() {
        return authentication;
    }

    public Visibility visibility() {
        return visibility;
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    public DeviceAssignments assignments() {
        return assignments;
    }

    public AccountStore accounts() {
        return accounts;
    }

    public TokenService tokens() {
        return tokens;
    }

    public RetentionJob retention() {
        return retention;
    }

    /** Workers for the blocking reads of access checks and the access log. */
    public WorkerExecutor executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.close();
    }
}
