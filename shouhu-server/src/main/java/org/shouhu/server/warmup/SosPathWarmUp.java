package org.shouhu.server.warmup;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.alert.AlertService;
import org.shouhu.alert.ChannelAddress;
import org.shouhu.alert.Child;
import org.shouhu.alert.DeviceRecipients;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.InMemoryJurisdictionLocator;
import org.shouhu.alert.InMemoryRecipientDirectory;
import org.shouhu.alert.Language;
import org.shouhu.alert.PoliceJurisdiction;
import org.shouhu.alert.ReportedPosition;
import org.shouhu.alert.SosAlertRequest;
import org.shouhu.alert.WebhookSignature;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.DownlinkCodec;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.SosAcknowledged;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the code of an SOS press once before the server reports ready, so that the first real press does not pay for
 * loading and compiling it: decoding the frame, the raise transaction (the alert, trigger, audit and outbox
 * statements, with the CAP and guardian JSON bodies rendered) against the real database, an HTTP post with the
 * delivery's headers and signature, and encoding the downlink acknowledgement. Nothing reaches a receiver or stays
 * in the database: the raise runs for a made-up child and police on connections that roll back instead of
 * committing, the post goes to a loopback server of its own, and the acknowledgement is not published. It then
 * waits (at most a few seconds) for the JIT compilations it caused to finish. Blocking; call on a worker thread. A failure is logged and start-up goes on: a cold first press is slow, not wrong.
 */
public final class SosPathWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(SosPathWarmUp.class);
    /** A made-up wristband; its alert exists only inside rolled-back transactions. */
    static final DeviceId DEVICE = new DeviceId(999_999_999_999_999L);
    private static final int RAISES = 3;
    private static final int POSTS = 20;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMPILER_WAIT = Duration.ofSeconds(3);
    private static final Duration COMPILER_POLL = Duration.ofMillis(50);

    private final Vertx vertx;
    private final DataSource pool;
    private final AlertDispatchConfig config;
    private final Clock clock;

    public SosPathWarmUp(Vertx vertx, DataSource pool, AlertDispatchConfig config, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a warm-up did.
     *
     * @param took   how long it took
     * @param failed the steps that failed (logged), in order
     */
    public record Result(Duration took, List<String> failed) {

        public Result {
            Objects.requireNonNull(took, "took");
            failed = List.copyOf(failed);
        }
    }

    /** Runs every step, each even if an earlier one failed. */
    public Result run() {
        long start = System.nanoTime();
        List<String> failed = new ArrayList<>();
        StringJoiner steps = new StringJoiner(", ", " (", ")");
        step("decode", this::decode, failed, steps);
        step("raise", this::raise, failed, steps);
        step("post", this::post, failed, steps);
        step("downlink", this::downlink, failed, steps);
        step("compiler", SosPathWarmUp::awaitCompilerQuiet, failed, steps);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // The step times are what the first press would have paid for each part of its path.
        LOG.info("SOS path warmed up in {} ms{}{}", took.toMillis(), steps,
                failed.isEmpty() ? "" : "; failed: " + failed);
        return new Result(took, failed);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void step(String name, Step step, List<String> failed, StringJoiner steps) {
        long start = System.nanoTime();
        try {
            step.run();
            steps.add(name + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failed.add(name);
            LOG.warn("warm-up {} failed (the first SOS may be slower): {}", name, e.toString());
        }
    }

    /**
     * Waits (up to {@link #COMPILER_WAIT}) until the JIT compiler has been idle for a moment: the steps above queue
     * compilations of everything they ran, and a press arriving while those run would wait for a core behind them.
     */
    private static void awaitCompilerQuiet() throws InterruptedException {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + COMPILER_WAIT.toNanos();
        long last = compiler.getTotalCompilationTime();
        int quietPolls = 0;
        while (quietPolls < 3 && System.nanoTime() < deadline) {
            Thread.sleep(COMPILER_POLL.toMillis());
            long now = compiler.getTotalCompilationTime();
            quietPolls = now == last ? quietPolls + 1 : 0;
            last = now;
        }
    }

    private SosPress press(Instant at) {
        return new SosPress(DEVICE, 1, at, new Fix(at, 27.12, 105.22, 12, FixSource.GNSS, 1.2, 90.0), 64);
    }

    private void decode() throws Exception {
        UplinkCodec codec = new UplinkCodec(clock, Duration.ofMinutes(5));
        SosPress press = press(clock.instant());
        codec.decode(Topics.uplink(DEVICE, MessageType.SOS), UplinkCodec.encodeBinary(press));
    }

    private void raise() throws Exception {
        URI nowhere = URI.create("http://127.0.0.1:9/warm-up"); // never contacted: nothing is committed to send
        PoliceJurisdiction police = new PoliceJurisdiction("warm-up", "Warm-up police", nowhere);
        InMemoryJurisdictionLocator locator = new InMemoryJurisdictionLocator().add(police, 27.0, 105.0, 27.3, 105.6);
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory().register(DEVICE, new DeviceRecipients(
                new Child("warm-up", "Warm-up child"), List.of(
                        new Guardian("warm-up-zh", "Warm-up guardian", Language.SIMPLIFIED_CHINESE,
                                List.of(new ChannelAddress.Webhook(nowhere))),
                        new Guardian("warm-up-en", "Warm-up guardian", Language.ENGLISH,
                                List.of(new ChannelAddress.Webhook(nowhere))))));
        try (AlertService rollingBack = new AlertService(vertx, new RollbackOnlyDataSource(pool), directory, locator,
                config, clock, () -> { })) {
            for (int i = 0; i < RAISES; i++) {
                Instant at = clock.instant();
                SosAlertRequest request = new SosAlertRequest(DEVICE, i + 1, at,
                        Optional.of(ReportedPosition.fresh(27.12, 105.22, 12, at)), false, 64);
                await(rollingBack.raiseSos(request));
            }
        }
    }

    private void post() throws Exception {
        HttpServer sink = await(vertx.createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> request.response().end()))
                .listen(0, "127.0.0.1"));
        WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setUserAgent("shouhu-warm-up"));
        try {
            byte[] body = "<alert>".repeat(400).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < POSTS; i++) {
                long timestamp = clock.instant().getEpochSecond();
                await(client.postAbs("http://127.0.0.1:" + sink.actualPort() + "/warm-up")
                        .timeout(STEP_TIMEOUT.toMillis())
                        .putHeader("Content-Type", "application/xml")
                        .putHeader(WebhookSignature.IDEMPOTENCY_HEADER, "warm-up/" + i)
                        .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .putHeader(WebhookSignature.SIGNATURE_HEADER,
                                WebhookSignature.sign(config.webhookSecret(), timestamp, body))
                        .sendBuffer(Buffer.buffer(body)));
            }
        } finally {
            client.close();
            await(sink.close());
        }
    }

    private void downlink() {
        DownlinkCodec.encodeBinary(new SosAcknowledged(DEVICE, 1, 1));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
