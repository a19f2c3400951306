package org.shouhu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.server.ShouhuConfig;
import org.shouhu.server.ShouhuServer;
import org.shouhu.server.testing.Platform;

/**
 * Two server instances on one database, as behind a load balancer: guesses spread over both lock the user name out
 * on both after {@code auth.sign-in.max-failures} in all, not that many per instance.
 */
class SignInLockoutAcrossInstancesTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void wrong_passwords_spread_over_two_instances_lock_the_user_name_out_on_both(@TempDir Path directory)
            throws Exception {
        try (Platform platform = new Platform()) {
            ShouhuServer first = start(platform, directory, "a");
            ShouhuServer second = start(platform, directory, "b");
            try {
                first.access().accounts().create(NewAccount.guardian("spread.guess", "Guessed", PASSWORD, "g-1"));
                ApiClient[] instances = {new ApiClient(first.httpPort()), new ApiClient(second.httpPort())};
                JsonObject wrong = new JsonObject().put("username", "spread.guess").put("password", "not it at all");
                for (int i = 0; i < 3; i++) { // three guesses in all, alternating instances
                    assertThat(instances[i % 2].post("/api/auth/token", null, wrong).status()).isEqualTo(401);
                }

                JsonObject right = new JsonObject().put("username", "spread.guess").put("password", PASSWORD);
                ApiClient.Answer onFirst = instances[0].post("/api/auth/token", null, right);
                ApiClient.Answer onSecond = instances[1].post("/api/auth/token", null, right);

                assertThat(onFirst.status()).isEqualTo(429);
                assertThat(onSecond.status()).isEqualTo(429);
                assertThat(onSecond.response().headers().firstValue("retry-after")).isPresent();
            } finally {
                second.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                first.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static ShouhuServer start(Platform platform, Path directory, String instance) throws Exception {
        Map<String, String> settings = new HashMap<>(platform.serverSettings(directory, 0));
        settings.put("auth.bcrypt-cost", "4");
        settings.put("auth.sign-in.max-failures", "3");
        settings.put("ingest.mqtt.client-id", "ingest-" + platform.shareGroup + "-" + instance);
        settings.put("alerts.delivery.instance-id", "lockout-test-" + instance);
        return ShouhuServer.start(ShouhuConfig.from(settings)).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }
}
