package org.shouhu.alert;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.shouhu.embedded.TestServices;
import org.shouhu.protocol.DeviceId;
import org.shouhu.support.db.Databases;
import org.shouhu.support.db.SchemaMigrator;

/**
 * What the dispatch tests share: a migrated database of their own (one per test class), the test configuration
 * (short delays so retries happen within a test), a child with two guardians, and two police jurisdictions.
 */
final class DispatchFixture {

    static final String SECRET = "test-webhook-secret-0123456789";
    static final String CAP_SENDER = "alerts@shouhu.test";

    private DispatchFixture() {
    }

    static HikariDataSource migratedDatabase() {
        HikariDataSource dataSource = Databases.pool(TestServices.freshDatabase(), "alerts-test", 10);
        new SchemaMigrator(dataSource).migrate("alerts");
        return dataSource;
    }

    /** Empties the alert tables, so that rows of one test are never delivered in the next. */
    static void truncate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE alert_outbox, alert_events, alert_triggers, alerts");
            connection.commit();
        }
    }

    static AlertDispatchConfig config(URI fallbackPolice, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("alerts.police.fallback-endpoint", fallbackPolice.toString());
        properties.put("alerts.police.fallback-name", "Guizhou provincial command centre");
        properties.put("alerts.webhook.hmac-secret", SECRET);
        properties.put("alerts.cap.sender", CAP_SENDER);
        properties.put("alerts.delivery.retry-base", "50ms");
        properties.put("alerts.delivery.retry-cap", "200ms");
        properties.put("alerts.delivery.request-timeout", "500ms");
        properties.put("alerts.delivery.lease", "2s");
        properties.put("alerts.delivery.poll-interval", "100ms");
        properties.put("alerts.escalation.check-interval", "1h");
        properties.putAll(overrides);
        return AlertDispatchConfig.parse(properties);
    }

    static DeviceId randomDevice() {
        return new DeviceId(860_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }

    static DeviceRecipients child(RecordingReceiver grandma, RecordingReceiver grandpa) {
        return new DeviceRecipients(new Child("child-1", "王小明"), List.of(
                new Guardian("grandma", "王奶奶", Language.SIMPLIFIED_CHINESE,
                        List.of(new ChannelAddress.Webhook(grandma.uri("/grandma")))),
                new Guardian("grandpa", "Wang Grandpa", Language.ENGLISH,
                        List.of(new ChannelAddress.Webhook(grandpa.uri("/grandpa"))))));
    }

    /** Rongjiang county around (26.0, 108.5); Congjiang county around (25.75, 108.9). */
    static InMemoryJurisdictionLocator jurisdictions(RecordingReceiver rongjiang, RecordingReceiver congjiang) {
        return new InMemoryJurisdictionLocator()
                .add(new PoliceJurisdiction("rongjiang", "榕江县公安局", rongjiang.uri("/cap")), 25.8, 108.3, 26.2, 108.7)
                .add(new PoliceJurisdiction("congjiang", "从江县公安局", congjiang.uri("/cap")), 25.5, 108.71, 25.79,
                        109.1);
    }

    /**
     * Waits until no outbox row is leased, that is every delivery attempt under way has had its outcome recorded.
     * Tests that move the injected clock past the lease must wait for this first, or the row is claimed again.
     */
    static void awaitNoDeliveryInFlight(DataSource dataSource) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (true) {
            try (java.sql.Connection connection = dataSource.getConnection();
                 java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rows = statement.executeQuery(
                         "SELECT count(*) FROM alert_outbox WHERE lease_owner IS NOT NULL")) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("outbox rows still leased after 5 s");
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the audit trail shows the event for the recipient (delivery is recorded after the 2xx). */
    static void awaitTrail(AlertService service, AlertId id, AuditEvent.Type type, String recipient)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (TestAwait.await(service.auditTrail(id)).stream()
                    .anyMatch(e -> e.type() == type && e.recipient().equals(recipient))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + type + " for " + recipient + " in " + TestAwait.await(service.auditTrail(id)));
    }

    /** A running service and dispatcher over one Vert.x instance. */
    record Running(AlertService service, AlertDispatcher dispatcher, String deploymentId) {
    }

    /** As the server runs them: new alerts are handed straight to the dispatcher, other changes wake it. */
    static Running start(Vertx vertx, DataSource dataSource, RecipientDirectory directory,
                         JurisdictionLocator locator, AlertDispatchConfig config, Clock clock,
                         DeviceNotifier notifier) {
        AlertDispatcher dispatcher = new AlertDispatcher(dataSource, config, clock, notifier, null);
        String id = TestAwait.await(vertx.deployVerticle(dispatcher));
        AlertService service = new AlertService(vertx, dataSource, directory, locator, config, clock, dispatcher,
                () -> { });
        return new Running(service, dispatcher, id);
    }

    /** A service whose commits nobody delivers until a dispatcher starts (the server died after the commit). */
    static AlertService serviceWithoutDispatcher(Vertx vertx, DataSource dataSource, RecipientDirectory directory,
                                                 JurisdictionLocator locator, AlertDispatchConfig config) {
        return new AlertService(vertx, dataSource, directory, locator, config, Clock.systemUTC(), () -> { });
    }

    /** Deploys a dispatcher on the real clock whose wristband notifications always succeed. */
    static AlertDispatcher deployDispatcher(Vertx vertx, DataSource dataSource, AlertDispatchConfig config,
                                            io.micrometer.core.instrument.MeterRegistry registry) {
        AlertDispatcher dispatcher = new AlertDispatcher(dataSource, config, Clock.systemUTC(),
                (device, sequence) -> io.vertx.core.Future.succeededFuture(), registry);
        TestAwait.await(vertx.deployVerticle(dispatcher));
        return dispatcher;
    }
}
