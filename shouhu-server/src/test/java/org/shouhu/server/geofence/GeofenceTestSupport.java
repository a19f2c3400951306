package org.shouhu.server.geofence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.shouhu.server.ShouhuConfig;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.RecordingReceiver;

/** Starting servers and waiting on what they do, for the geofence tests. */
final class GeofenceTestSupport {

    static final Duration WAIT = Duration.ofSeconds(20);

    private GeofenceTestSupport() {
    }

    static final String ADMIN_PASSWORD = "geofence-test-admin-password";

    /**
     * The platform's server settings, plus an administrator account to call the API with when the server
     * authenticates API requests (and cheap password hashing, as tests sign in often).
     */
    static Map<String, String> settings(Platform platform, Path directory) throws Exception {
        Map<String, String> settings = new HashMap<>(platform.serverSettings(directory, 0));
        if (knows("auth.admin.password")) {
            settings.putIfAbsent("auth.admin.password", ADMIN_PASSWORD);
        }
        if (knows("auth.bcrypt-cost")) {
            settings.putIfAbsent("auth.bcrypt-cost", "4");
        }
        return settings;
    }

    private static boolean knows(String key) {
        return ShouhuConfig.DEFINITION.keys().stream().anyMatch(k -> k.name().equals(key));
    }

    static ShouhuServer start(Map<String, String> settings) throws Exception {
        return ShouhuServer.start(ShouhuConfig.from(settings)).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    static void stop(ShouhuServer server) throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Positions the server's geofence workers have evaluated so far. */
    static double evaluated(ShouhuServer server) {
        Counter counter = server.registry().find("shouhu.geofence.positions.evaluated").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Geofence events of one kind ({@code left_zone}, {@code entered_danger_zone}, ...) decided so far. */
    static double events(ShouhuServer server, String kind) {
        Counter counter = server.registry().find("shouhu.geofence.events").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Waits until the server has evaluated at least {@code count} positions. */
    static void awaitEvaluated(ShouhuServer server, double count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (evaluated(server) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(evaluated(server)).as("positions evaluated").isGreaterThanOrEqualTo(count);
    }

    /** Waits until the query counts at least {@code expected}. */
    static void awaitCount(Platform platform, long expected, String sql, Object... parameters) throws Exception {
        platform.awaitCount(WAIT, expected, sql, parameters);
    }

    /** First messages ("alert", not updates) of the given alert kind that reached the guardian after {@code since}. */
    static List<RecordingReceiver.Request> guardianAlerts(Platform platform, String kind, Instant since) {
        return platform.receiver.requests().stream().filter(guardianAlert(kind, since)).toList();
    }

    /** A first message of the alert kind to guardian g-1, received after {@code since}. */
    static Predicate<RecordingReceiver.Request> guardianAlert(String kind, Instant since) {
        return request -> request.path().equals("/guardian/g-1") && request.receivedAt().isAfter(since)
                && request.body().contains("\"kind\":\"" + kind + "\"")
                && request.body().contains("\"message\":\"alert\"");
    }
}
