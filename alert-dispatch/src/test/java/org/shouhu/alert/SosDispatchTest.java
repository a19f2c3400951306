package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.protocol.DeviceId;

/** An SOS travels from the commit to real HTTP receivers: police as CAP, guardians as JSON. */
@ExtendWith(VertxExtension.class)
class SosDispatchTest {

    private static HikariDataSource dataSource;

    private RecordingReceiver rongjiang;
    private RecordingReceiver congjiang;
    private RecordingReceiver fallback;
    private RecordingReceiver grandma;
    private RecordingReceiver grandpa;
    private DeviceId device;
    private InMemoryRecipientDirectory directory;

    @BeforeAll
    static void database() {
        dataSource = DispatchFixture.migratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void receivers(Vertx vertx) throws Exception {
        DispatchFixture.truncate(dataSource);
        rongjiang = RecordingReceiver.start(vertx, 200);
        congjiang = RecordingReceiver.start(vertx, 200);
        fallback = RecordingReceiver.start(vertx, 200);
        grandma = RecordingReceiver.start(vertx, 200);
        grandpa = RecordingReceiver.start(vertx, 200);
        device = DispatchFixture.randomDevice();
        directory = new InMemoryRecipientDirectory().register(device, DispatchFixture.child(grandma, grandpa));
    }

    private DispatchFixture.Running start(Vertx vertx) {
        return start(vertx, Map.of());
    }

    private DispatchFixture.Running start(Vertx vertx, Map<String, String> overrides) {
        return DispatchFixture.start(vertx, dataSource, directory,
                DispatchFixture.jurisdictions(rongjiang, congjiang),
                DispatchFixture.config(fallback.uri("/cap"), overrides), Clock.systemUTC(),
                (d, s) -> Future.succeededFuture());
    }

    private SosAlertRequest press(long sequence, double lat, double lon) {
        Instant now = Instant.now();
        return new SosAlertRequest(device, sequence, now,
                Optional.of(ReportedPosition.fresh(lat, lon, 25, now.minusSeconds(2))), false, 64);
    }

    @Test
    void sos_reaches_police_of_its_jurisdiction_as_valid_cap_and_guardians_as_json(Vertx vertx,
                                                                                   VertxTestContext test) {
        Checkpoint police = test.checkpoint();
        Checkpoint guardians = test.checkpoint(2);
        io.vertx.core.http.HttpServer policeServer = TestAwait.await(vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    test.verify(() -> {
                        assertThat(request.getHeader("Content-Type")).startsWith("application/cap+xml");
                        CapSchema.validate(body.toString());
                        assertThat(body.toString()).contains("<msgType>Alert</msgType>", "<status>Actual</status>",
                                "<urgency>Immediate</urgency>", "<category>Rescue</category>",
                                "<areaDesc>榕江县公安局</areaDesc>", "<circle>26.000000,108.500000 0.025</circle>",
                                "王小明", device.toString());
                    });
                    request.response().setStatusCode(204).end();
                    police.flag();
                })).listen(0, "127.0.0.1"));
        InMemoryJurisdictionLocator locator = new InMemoryJurisdictionLocator().add(new PoliceJurisdiction(
                "rongjiang", "榕江县公安局",
                java.net.URI.create("http://127.0.0.1:" + policeServer.actualPort() + "/cap")),
                25.8, 108.3, 26.2, 108.7);
        DispatchFixture.Running running = DispatchFixture.start(vertx, dataSource, directory, locator,
                DispatchFixture.config(fallback.uri("/cap"), Map.of()), Clock.systemUTC(),
                (d, s) -> Future.succeededFuture());
        running.service().raiseSos(press(1, 26.0, 108.5)).onComplete(test.succeeding(id ->
                vertx.executeBlocking(() -> {
                    List<RecordingReceiver.Request> toGrandma = grandma.await(1, Duration.ofSeconds(5));
                    List<RecordingReceiver.Request> toGrandpa = grandpa.await(1, Duration.ofSeconds(5));
                    test.verify(() -> {
                        JsonObject zh = new JsonObject(toGrandma.get(0).body());
                        assertThat(zh.getString("schema")).isEqualTo("shouhu.alert/1");
                        assertThat(zh.getString("alertId")).isEqualTo(id.toString());
                        assertThat(zh.getString("kind")).isEqualTo("sos");
                        assertThat(zh.getString("language")).isEqualTo("zh-CN");
                        assertThat(zh.getString("headline")).isEqualTo("王小明 按下了求救按钮");
                        assertThat(zh.getJsonObject("position").getDouble("latitude")).isEqualTo(26.0);
                        assertThat(zh.getJsonObject("position").getInteger("accuracyMetres")).isEqualTo(25);
                        assertThat(zh.getInteger("batteryPercent")).isEqualTo(64);
                        JsonObject en = new JsonObject(toGrandpa.get(0).body());
                        assertThat(en.getString("headline")).isEqualTo("SOS from 王小明");
                        assertThat(toGrandpa.get(0).header("Idempotency-Key")).contains(id.toString());
                        assertThat(rongjiang.requestCount()).as("the locator knows only the test's server").isZero();
                        assertThat(fallback.requestCount()).isZero();
                    });
                    guardians.flag();
                    guardians.flag();
                    return null;
                })));
    }

    @Test
    void sos_in_another_jurisdiction_goes_to_that_police(Vertx vertx) throws Exception {
        DispatchFixture.Running running = start(vertx);
        TestAwait.await(running.service().raiseSos(press(1, 25.75, 108.9)));
        assertThat(congjiang.await(1, Duration.ofSeconds(5)).get(0).body()).contains("从江县公安局");
        assertThat(rongjiang.drain(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void sos_outside_every_jurisdiction_goes_to_the_fallback_flagged(Vertx vertx) throws Exception {
        DispatchFixture.Running running = start(vertx);
        AlertId id = TestAwait.await(running.service().raiseSos(press(1, 30.0, 100.0)));
        String cap = fallback.await(1, Duration.ofSeconds(5)).get(0).body();
        CapSchema.validate(cap);
        assertThat(cap).contains("<note>outside_jurisdiction</note>",
                "<valueName>outside-jurisdiction</valueName><value>true</value>",
                "<areaDesc>Guizhou provincial command centre</areaDesc>");
        assertThat(new JsonObject(grandpa.await(1, Duration.ofSeconds(5)).get(0).body())
                .getBoolean("outsideJurisdiction")).isTrue();
        assertThat(TestAwait.await(running.service().alert(id)).outsideJurisdiction()).isTrue();
        assertThat(rongjiang.requestCount() + congjiang.requestCount()).isZero();
    }

    @Test
    void sos_without_any_position_goes_to_the_fallback_with_no_circle(Vertx vertx) throws Exception {
        DispatchFixture.Running running = start(vertx);
        TestAwait.await(running.service().raiseSos(
                new SosAlertRequest(device, 1, Instant.now(), Optional.empty(), true, 12)));
        String cap = fallback.await(1, Duration.ofSeconds(5)).get(0).body();
        CapSchema.validate(cap);
        assertThat(cap).doesNotContain("<circle>").contains("<valueName>late</valueName><value>true</value>");
    }

    @Test
    void raising_the_same_press_twice_creates_one_alert_and_no_new_outbox_rows(Vertx vertx) throws Exception {
        DispatchFixture.Running running = start(vertx);
        AlertId first = TestAwait.await(running.service().raiseSos(press(7, 26.0, 108.5)));
        int rows = outboxRows();
        AlertId second = TestAwait.await(running.service().raiseSos(press(7, 26.0, 108.5)));
        assertThat(second).isEqualTo(first);
        // Two guardians, the police endpoint and the fallback endpoint in standby behind it.
        assertThat(outboxRows()).isEqualTo(rows).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM alerts")).isEqualTo(1);
        rongjiang.await(1, Duration.ofSeconds(5));
        assertThat(rongjiang.drain(Duration.ofMillis(400))).isEmpty();
    }

    @Test
    void twenty_presses_in_a_minute_make_one_open_alert_that_is_updated(Vertx vertx) throws Exception {
        DispatchFixture.Running running = start(vertx);
        AlertId first = TestAwait.await(running.service().raiseSos(press(1, 26.0, 108.5)));
        rongjiang.await(1, Duration.ofSeconds(5));
        for (int sequence = 2; sequence <= 20; sequence++) {
            assertThat(TestAwait.await(running.service().raiseSos(press(sequence, 26.0, 108.5)))).isEqualTo(first);
        }
        assertThat(count("SELECT count(*) FROM alerts")).isEqualTo(1);
        AlertSummary summary = TestAwait.await(running.service().alert(first));
        assertThat(summary.triggerCount()).isEqualTo(20);
        List<RecordingReceiver.Request> updates = rongjiang.drain(Duration.ofMillis(800));
        assertThat(updates).isNotEmpty().hasSizeLessThanOrEqualTo(19);
        for (RecordingReceiver.Request update : updates) {
            CapSchema.validate(update.body());
            assertThat(update.body()).contains("<msgType>Update</msgType>", "<references>");
        }
    }

    @Test
    void receiver_answering_503_then_200_gets_the_alert_after_a_retry(Vertx vertx) throws Exception {
        rongjiang = RecordingReceiver.start(vertx, 503, 200);
        DispatchFixture.Running running = start(vertx);
        AlertId id = TestAwait.await(running.service().raiseSos(press(1, 26.0, 108.5)));
        List<RecordingReceiver.Request> attempts = rongjiang.await(2, Duration.ofSeconds(5));
        assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
        assertThat(attempts.get(1).header("Idempotency-Key")).isEqualTo(attempts.get(0).header("Idempotency-Key"));
        awaitTrail(running, id, AuditEvent.Type.DELIVERED, "police:rongjiang");
        assertThat(TestAwait.await(running.service().auditTrail(id)))
                .anyMatch(e -> e.type() == AuditEvent.Type.DELIVERY_FAILED && e.detail().contains("HTTP 503"));
    }

    @Test
    void receiver_that_times_out_is_retried_until_it_answers(Vertx vertx) throws Exception {
        rongjiang = RecordingReceiver.start(vertx, RecordingReceiver.HANG, 200);
        DispatchFixture.Running running = start(vertx);
        AlertId id = TestAwait.await(running.service().raiseSos(press(1, 26.0, 108.5)));
        rongjiang.await(2, Duration.ofSeconds(5));
        awaitTrail(running, id, AuditEvent.Type.DELIVERED, "police:rongjiang");
        assertThat(TestAwait.await(running.service().auditTrail(id)))
                .anyMatch(e -> e.type() == AuditEvent.Type.DELIVERY_FAILED && e.detail().contains("imeout"));
    }

    @Test
    void police_endpoint_answering_400_falls_to_the_fallback_endpoint(Vertx vertx) throws Exception {
        rongjiang = RecordingReceiver.start(vertx, 400);
        DispatchFixture.Running running = start(vertx);
        AlertId id = TestAwait.await(running.service().raiseSos(press(1, 26.0, 108.5)));
        rongjiang.await(1, Duration.ofSeconds(5));
        assertThat(fallback.await(1, Duration.ofSeconds(5)).get(0).body()).contains("榕江县公安局");
        assertThat(rongjiang.drain(Duration.ofMillis(400))).as("a 400 is not retried").isEmpty();
        assertThat(TestAwait.await(running.service().auditTrail(id)))
                .anyMatch(e -> e.type() == AuditEvent.Type.CHANNEL_FALLBACK);
    }

    @Test
    void police_endpoint_that_keeps_failing_brings_in_the_fallback_and_stops_once_that_delivered(Vertx vertx)
            throws Exception {
        rongjiang = RecordingReceiver.start(vertx, 503);
        DispatchFixture.Running running = start(vertx);
        AlertId id = TestAwait.await(running.service().raiseSos(press(1, 26.0, 108.5)));
        rongjiang.await(3, Duration.ofSeconds(5));
        assertThat(fallback.await(1, Duration.ofSeconds(5)).get(0).body()).contains("榕江县公安局");
        awaitTrail(running, id, AuditEvent.Type.DELIVERED, "police:rongjiang");
        // An attempt under way when the fallback delivered may still arrive; after it, nothing more.
        rongjiang.drain(Duration.ofMillis(600));
        assertThat(rongjiang.drain(Duration.ofMillis(600))).as("no retries once delivered elsewhere").isEmpty();
        assertThat(TestAwait.await(running.service().auditTrail(id)))
                .anyMatch(e -> e.type() == AuditEvent.Type.CHANNEL_FALLBACK);
    }

    @Test
    void guardian_webhook_answering_400_falls_to_the_sms_gateway(Vertx vertx) throws Exception {
        RecordingReceiver sms = RecordingReceiver.start(vertx, 200);
        grandma = RecordingReceiver.start(vertx, 400);
        directory.register(device, new DeviceRecipients(new Child("child-1", "王小明"), List.of(
                new Guardian("grandma", "王奶奶", Language.SIMPLIFIED_CHINESE, List.of(
                        new ChannelAddress.Webhook(grandma.uri("/grandma")),
                        new ChannelAddress.Sms("+8613800138000"))))));
        DispatchFixture.Running running = start(vertx, Map.of("alerts.sms.provider-url", sms.url("/sms")));
        TestAwait.await(running.service().raiseSos(press(1, 26.0, 108.5)));
        grandma.await(1, Duration.ofSeconds(5));
        JsonObject text = new JsonObject(sms.await(1, Duration.ofSeconds(5)).get(0).body());
        assertThat(text.getString("to")).isEqualTo("+8613800138000");
        assertThat(text.getString("text")).startsWith("王小明 按下了求救按钮");
    }

    @Test
    void alert_committed_while_no_dispatcher_runs_is_delivered_when_one_starts(Vertx vertx) throws Exception {
        AlertDispatchConfig config = DispatchFixture.config(fallback.uri("/cap"), Map.of());
        AlertService service = DispatchFixture.serviceWithoutDispatcher(vertx, dataSource, directory,
                DispatchFixture.jurisdictions(rongjiang, congjiang), config);
        AlertId id = TestAwait.await(service.raiseSos(press(1, 26.0, 108.5)));
        assertThat(rongjiang.drain(Duration.ofMillis(300))).isEmpty();

        DispatchFixture.deployDispatcher(vertx, dataSource, config, null);
        assertThat(rongjiang.await(1, Duration.ofSeconds(5)).get(0).body()).contains(CapIdentifierOf(id));
        grandma.await(1, Duration.ofSeconds(5));
        grandpa.await(1, Duration.ofSeconds(5));
    }

    @Test
    void row_claimed_by_an_instance_that_died_is_delivered_after_its_lease_expires(Vertx vertx) throws Exception {
        AlertDispatchConfig config = DispatchFixture.config(fallback.uri("/cap"), Map.of());
        AlertService service = DispatchFixture.serviceWithoutDispatcher(vertx, dataSource, directory,
                DispatchFixture.jurisdictions(rongjiang, congjiang), config);
        TestAwait.await(service.raiseSos(press(1, 26.0, 108.5)));
        // An instance claims every row and dies before delivering: its lease (2 s) must run out first.
        var crashed = new org.shouhu.alert.internal.DeliveryLedger(
                new org.shouhu.alert.internal.Transactions(dataSource), Clock.systemUTC(), "crashed-instance",
                config.lease(), 3);
        assertThat(crashed.claim(10)).hasSize(3);
        Instant restarted = Instant.now();
        DispatchFixture.deployDispatcher(vertx, dataSource, config, null);
        rongjiang.await(1, Duration.ofSeconds(6));
        assertThat(Duration.between(restarted, Instant.now())).isGreaterThan(Duration.ofMillis(1500));
        grandma.await(1, Duration.ofSeconds(5));
    }

    private static String CapIdentifierOf(AlertId id) {
        return "<identifier>shouhu." + id + "</identifier>";
    }

    private void awaitTrail(DispatchFixture.Running running, AlertId id, AuditEvent.Type type, String recipient)
            throws InterruptedException {
        DispatchFixture.awaitTrail(running.service(), id, type, recipient);
    }

    private int outboxRows() throws Exception {
        return count("SELECT count(*) FROM alert_outbox");
    }

    private int count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            int result = rows.getInt(1);
            connection.commit();
            return result;
        }
    }
}
