package org.shouhu.server.map;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.shouhu.alert.AlertService;
import org.shouhu.alert.AlertSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices every change to any alert, whoever made it (this server, another instance, a CAP Ack, escalation): every
 * change appends to the alert audit log, so the newest log id is a change counter. While maps are open it reads that
 * id (one primary-key lookup) every interval and, when it moved, loads the open alerts once for all maps; a change
 * made through this server asks for a check at once ({@link #checkNow}), so the interval only bounds the delay for
 * changes made elsewhere. Runs the query on a worker thread; never two checks at once.
 */
final class AlertLogWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertLogWatcher.class);

    private final Vertx vertx;
    private final DataSource dataSource;
    private final AlertService alerts;
    private final BooleanSupplier anyoneWatching;
    private final Consumer<List<AlertSummary>> onChange;
    private final Context context;
    private long timer = -1;
    private long seen = Long.MIN_VALUE;
    private boolean checking;
    private boolean checkAgain;
    /** A change is known to have happened: skip reading the log and load the queue straight away. */
    private boolean changed;

    AlertLogWatcher(Vertx vertx, DataSource dataSource, AlertService alerts, BooleanSupplier anyoneWatching,
                    Consumer<List<AlertSummary>> onChange) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.anyoneWatching = Objects.requireNonNull(anyoneWatching, "anyoneWatching");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        // One context for the timer, the nudges and the completions: the fields above need no locks.
        this.context = vertx.getOrCreateContext();
    }

    void start(java.time.Duration interval) {
        context.runOnContext(ignored -> timer = vertx.setPeriodic(interval.toMillis(), id -> check()));
    }

    void stop() {
        context.runOnContext(ignored -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        });
    }

    /** Checks at once, without waiting for the interval (this server just changed an alert). Any thread. */
    void checkNow() {
        context.runOnContext(ignored -> {
            changed = true;
            check();
        });
    }

    /** The open alerts now (for a map that just connected). */
    Future<List<AlertSummary>> openAlerts() {
        return alerts.openAlerts(MapRoutes.QUEUE_LIMIT);
    }

    private void check() {
        if (!anyoneWatching.getAsBoolean()) {
            seen = Long.MIN_VALUE; // the first map to open again must not rely on a stale counter
            return;
        }
        if (checking) {
            checkAgain = true; // the change that asked may have committed after the running query read the log
            return;
        }
        checking = true;
        boolean known = changed;
        changed = false;
        Future<Long> newestId = known ? Future.succeededFuture(Long.MIN_VALUE)
                : vertx.executeBlocking(this::newestLogId, false);
        newestId
                .compose(newest -> {
                    if (!known && newest == seen) {
                        return Future.succeededFuture();
                    }
                    return alerts.openAlerts(MapRoutes.QUEUE_LIMIT).map(open -> {
                        seen = newest;
                        onChange.accept(open);
                        return null;
                    });
                })
                .onFailure(error -> LOG.warn("alert queue check failed: {}", error.getMessage()))
                .onComplete(done -> {
                    checking = false;
                    if (checkAgain) {
                        checkAgain = false;
                        check();
                    }
                });
    }

    private long newestLogId() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT coalesce(max(id), 0) FROM alert_events");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            long newest = rows.getLong(1);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return newest;
        }
    }
}
