package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.shouhu.protocol.DeviceId;

/** Acknowledge, resolve, the CAP handshake, the audit trail, and escalation driven by an injected clock. */
@ExtendWith(VertxExtension.class)
class LifecycleTest {

    private static HikariDataSource dataSource;

    private RecordingReceiver police;
    private RecordingReceiver fallback;
    private RecordingReceiver grandma;
    private RecordingReceiver grandpa;
    private DeviceId device;
    private MutableClock clock;
    private final LinkedBlockingQueue<Long> vibrations = new LinkedBlockingQueue<>();
    private DispatchFixture.Running running;

    @BeforeAll
    static void database() {
        dataSource = DispatchFixture.migratedDatabase();
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        DispatchFixture.truncate(dataSource);
        police = RecordingReceiver.start(vertx, 200);
        fallback = RecordingReceiver.start(vertx, 200);
        grandma = RecordingReceiver.start(vertx, 200);
        grandpa = RecordingReceiver.start(vertx, 200);
        device = DispatchFixture.randomDevice();
        clock = new MutableClock();
        InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory()
                .register(device, DispatchFixture.child(grandma, grandpa));
        running = DispatchFixture.start(vertx, dataSource, directory,
                DispatchFixture.jurisdictions(police, RecordingReceiver.start(vertx, 200)),
                DispatchFixture.config(fallback.uri("/cap"), Map.of()), clock, (d, sequence) -> {
                    vibrations.add(sequence);
                    return Future.succeededFuture();
                });
    }

    private AlertId raiseSos() throws InterruptedException {
        AlertId id = TestAwait.await(running.service().raiseSos(new SosAlertRequest(device, 41, clock.instant(),
                Optional.of(ReportedPosition.fresh(26.0, 108.5, 30, clock.instant())), false, 80)));
        police.await(1, Duration.ofSeconds(5));
        grandma.await(1, Duration.ofSeconds(5));
        grandpa.await(1, Duration.ofSeconds(5));
        // Leases are judged by the injected clock: let deliveries be recorded before a test moves it.
        for (String recipient : List.of("police:rongjiang", "guardian:grandma", "guardian:grandpa")) {
            DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERED, recipient);
        }
        return id;
    }

    private AlertId raiseDangerZone() {
        return TestAwait.await(running.service().raiseZoneAlert(new ZoneAlertRequest(device,
                AlertKind.ENTERED_DANGER_ZONE, "rule-river", "zone-river", "都柳江河岸", clock.instant(),
                Optional.of(ReportedPosition.fresh(26.0, 108.5, 15, clock.instant())), List.of("grandma", "grandpa"),
                55)));
    }

    @Test
    void acknowledging_an_sos_tells_the_wristband_help_is_coming() throws Exception {
        AlertId id = raiseSos();
        assertThat(TestAwait.await(running.service().acknowledge(id, Actor.guardian("grandma"))))
                .isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(vibrations.poll(5, TimeUnit.SECONDS)).isEqualTo(41L);
        TestAwait.await(running.service().acknowledge(id, Actor.police("110")));
        assertThat(vibrations.poll(300, TimeUnit.MILLISECONDS)).as("the wristband is told once").isNull();
        assertThat(TestAwait.await(running.service().alert(id)).state()).isEqualTo(AlertState.ACKNOWLEDGED);
    }

    @Test
    void resolving_sends_cap_cancel_referencing_the_alert_and_resolved_json_to_guardians() throws Exception {
        AlertId id = raiseSos();
        TestAwait.await(running.service().resolve(id, Actor.operator("duty-officer")));
        String cancel = police.await(1, Duration.ofSeconds(5)).get(0).body();
        CapSchema.validate(cancel);
        assertThat(cancel).contains("<msgType>Cancel</msgType>", "<identifier>shouhu." + id + ".c</identifier>",
                "<references>" + DispatchFixture.CAP_SENDER + ",shouhu." + id + ",");
        JsonObject resolved = new JsonObject(grandma.await(1, Duration.ofSeconds(5)).get(0).body());
        assertThat(resolved.getString("message")).isEqualTo("resolved");
        assertThat(TestAwait.await(running.service().openAlerts(10))).extracting(AlertSummary::id).doesNotContain(id);
        assertThat(TestAwait.await(running.service().resolve(id, Actor.operator("again"))))
                .isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void audit_trail_records_every_step_in_order() throws Exception {
        AlertId id = raiseSos();
        DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERED, "police:rongjiang");
        TestAwait.await(running.service().acknowledge(id, Actor.police("110")));
        TestAwait.await(running.service().resolve(id, Actor.police("110")));
        police.await(1, Duration.ofSeconds(5));
        List<AuditEvent> trail = TestAwait.await(running.service().auditTrail(id));
        assertThat(trail.get(0).type()).isEqualTo(AuditEvent.Type.RAISED);
        assertThat(trail).extracting(AuditEvent::type).containsSubsequence(AuditEvent.Type.RAISED,
                AuditEvent.Type.DELIVERED, AuditEvent.Type.ACKNOWLEDGED, AuditEvent.Type.RESOLVED);
        assertThat(trail).filteredOn(e -> e.type() == AuditEvent.Type.DELIVERED)
                .extracting(AuditEvent::recipient)
                .contains("police:rongjiang", "guardian:grandma", "guardian:grandpa");
        assertThat(trail).filteredOn(e -> e.type() == AuditEvent.Type.ACKNOWLEDGED).extracting(AuditEvent::actor)
                .containsExactly("police:110");
    }

    @Test
    void acknowledging_a_resolved_alert_is_refused_and_unknown_alerts_are_not_found() throws Exception {
        AlertId id = raiseSos();
        TestAwait.await(running.service().resolve(id, Actor.operator("duty-officer")));
        AlertStateException refused = assertThrows(AlertStateException.class,
                () -> TestAwait.await(running.service().acknowledge(id, Actor.guardian("grandma"))));
        assertThat(refused.state()).isEqualTo(AlertState.RESOLVED);
        assertThrows(AlertNotFoundException.class,
                () -> TestAwait.await(running.service().auditTrail(AlertId.random())));
    }

    @Test
    void cap_ack_from_the_dispatch_centre_acknowledges_the_alert() throws Exception {
        AlertId id = raiseSos();
        String sent = org.shouhu.alert.internal.CapIdentifiers.time(clock.instant(), java.time.ZoneOffset.ofHours(8));
        String ack = """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>RJ-110-ACK-7</identifier>
                  <sender>110@rongjiang.police.example</sender>
                  <sent>%s</sent>
                  <status>Actual</status>
                  <msgType>Ack</msgType>
                  <scope>Restricted</scope>
                  <restriction>police</restriction>
                  <references>%s,shouhu.%s,%s</references>
                </alert>
                """.formatted(sent, DispatchFixture.CAP_SENDER, id, sent).strip();
        CapSchema.validate(ack);
        assertThat(TestAwait.await(running.service().acceptCapAck(ack))).containsExactly(id);
        assertThat(TestAwait.await(running.service().alert(id)).state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(TestAwait.await(running.service().auditTrail(id)))
                .anyMatch(e -> e.type() == AuditEvent.Type.ACKNOWLEDGED
                        && e.actor().equals("police:110@rongjiang.police.example"));
        assertThat(vibrations.poll(5, TimeUnit.SECONDS)).isEqualTo(41L);
    }

    @Test
    void cap_document_that_is_not_an_ack_of_ours_is_rejected() throws Exception {
        raiseSos();
        assertThrows(CapDocumentException.class, () -> TestAwait.await(running.service().acceptCapAck(
                "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><msgType>Alert</msgType></alert>")));
        assertThrows(CapDocumentException.class, () -> TestAwait.await(running.service().acceptCapAck(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")));
    }

    @Test
    void unacknowledged_zone_alert_escalates_to_next_guardian_then_police() throws Exception {
        AlertId id = raiseDangerZone();
        JsonObject first = new JsonObject(grandma.await(1, Duration.ofSeconds(5)).get(0).body());
        DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERED, "guardian:grandma");
        assertThat(first.getString("kind")).isEqualTo("entered-danger-zone");
        assertThat(first.getString("zoneName")).isEqualTo("都柳江河岸");
        assertThat(grandpa.drain(Duration.ofMillis(300))).isEmpty();

        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        clock.advance(Duration.ofMinutes(2));
        assertThat(TestAwait.await(running.dispatcher().runEscalation())).as("not due yet").isZero();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(TestAwait.await(running.dispatcher().runEscalation())).isEqualTo(1);
        assertThat(new JsonObject(grandpa.await(1, Duration.ofSeconds(5)).get(0).body()).getString("headline"))
                .isEqualTo("王小明 entered danger zone 都柳江河岸");
        DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERED, "guardian:grandpa");
        assertThat(police.drain(Duration.ofMillis(300))).isEmpty();
        assertThat(TestAwait.await(running.service().alert(id)).state()).isEqualTo(AlertState.ESCALATED);

        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        assertThat(TestAwait.await(running.dispatcher().runEscalation())).isEqualTo(1);
        String cap = police.await(1, Duration.ofSeconds(5)).get(0).body();
        CapSchema.validate(cap);
        assertThat(cap).contains("<msgType>Alert</msgType>", "<severity>Severe</severity>");
    }

    @Test
    void acknowledged_zone_alert_does_not_escalate() throws Exception {
        AlertId id = raiseDangerZone();
        grandma.await(1, Duration.ofSeconds(5));
        DispatchFixture.awaitTrail(running.service(), id, AuditEvent.Type.DELIVERED, "guardian:grandma");
        TestAwait.await(running.service().acknowledge(id, Actor.guardian("grandma")));
        clock.advance(Duration.ofMinutes(10));
        assertThat(TestAwait.await(running.dispatcher().runEscalation())).isZero();
        assertThat(grandpa.drain(Duration.ofMillis(400))).isEmpty();
        assertThat(vibrations).as("only SOS acknowledgements reach the wristband").isEmpty();
    }

    @Test
    void flapping_zone_rule_produces_one_open_alert() throws Exception {
        AlertId first = raiseDangerZone();
        grandma.await(1, Duration.ofSeconds(5));
        // Leases are judged by the same clock: let the delivery finish before moving it.
        DispatchFixture.awaitTrail(running.service(), first, AuditEvent.Type.DELIVERED, "guardian:grandma");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(raiseDangerZone()).isEqualTo(first);
        }
        assertThat(grandma.drain(Duration.ofMillis(400))).isEmpty();
        assertThat(TestAwait.await(running.service().alert(first)).triggerCount()).isEqualTo(6);
    }

    @Test
    void sos_not_acknowledged_by_police_is_resent_escalated_until_they_acknowledge() throws Exception {
        AlertId id = raiseSos();
        TestAwait.await(running.service().acknowledge(id, Actor.guardian("grandma")));
        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertThat(TestAwait.await(running.dispatcher().runEscalation())).isEqualTo(1);
        String update = police.await(1, Duration.ofSeconds(5)).get(0).body();
        CapSchema.validate(update);
        assertThat(update).contains("<msgType>Update</msgType>", "<severity>Extreme</severity>",
                "<valueName>escalation-level</valueName><value>1</value>", "<references>");

        TestAwait.await(running.service().acknowledge(id, Actor.police("110")));
        // Leases are judged by the same clock: let the update's outcome be recorded before moving it.
        DispatchFixture.awaitNoDeliveryInFlight(dataSource);
        clock.advance(Duration.ofMinutes(5));
        assertThat(TestAwait.await(running.dispatcher().runEscalation())).isZero();
        assertThat(police.drain(Duration.ofMillis(400))).isEmpty();
    }
}
