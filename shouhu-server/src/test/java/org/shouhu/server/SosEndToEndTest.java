package org.shouhu.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.server.testing.Platform;
import org.shouhu.server.testing.RecordingReceiver;
import org.shouhu.server.testing.Wristband;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A wristband presses SOS through the real broker; the real server stores its fixes in the real database and the
 * police of the jurisdiction where the child is, and the child's guardian, receive the alert over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SosEndToEndTest {

    private static final String CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final Duration DELIVERY = Duration.ofSeconds(15);

    private Platform platform;
    private ShouhuServer server;
    private Wristband wristband;

    @BeforeAll
    void startPlatform(@TempDir Path directory) throws Exception {
        platform = new Platform();
        server = ShouhuServer.start(ShouhuConfig.from(platform.serverSettings(directory, 0)))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        wristband = new Wristband(platform.brokerUrl, platform.device);
    }

    @AfterAll
    void stopPlatform() throws Exception {
        wristband.close();
        server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        platform.close();
    }

    @Test
    void sos_reaches_police_of_the_jurisdiction_as_cap_and_the_guardian_as_json() throws Exception {
        Instant start = Instant.now();
        wristband.position(27.10, 105.20, start.minusSeconds(30));
        wristband.position(27.11, 105.21, start.minusSeconds(20));
        wristband.sos(27.12, 105.22);

        RecordingReceiver.Request cap = platform.receiver.awaitRequest(
                request -> request.path().equals("/police/south") && request.body().contains(platform.device.toString())
                        && request.receivedAt().isAfter(start), DELIVERY);
        Document document = parse(cap.body());
        Element alert = document.getDocumentElement();
        assertThat(alert.getNamespaceURI()).isEqualTo(CAP_NS);
        assertThat(alert.getLocalName()).isEqualTo("alert");
        assertThat(text(document, "msgType")).isEqualTo("Alert");
        assertThat(text(document, "status")).isEqualTo("Actual");
        assertThat(text(document, "areaDesc")).contains("South County Police");
        assertThat(text(document, "circle")).startsWith("27.120000,105.220000 ");
        assertThat(cap.body()).contains(platform.device.toString());

        RecordingReceiver.Request json = platform.receiver.awaitRequest(
                request -> request.path().equals("/guardian/g-1") && request.receivedAt().isAfter(start), DELIVERY);
        JsonObject body = new JsonObject(json.body());
        assertThat(body.encode()).contains(platform.device.toString()).contains("SOS");

        assertThat(platform.receiver.requests()).noneMatch(request -> request.path().equals("/police/north")
                && request.body().contains(platform.device.toString()));
        awaitCount(2, "SELECT count(*) FROM positions WHERE device_id = ?", platform.device.imei());
    }

    @Test
    void sos_without_a_fix_reports_the_last_known_position_and_says_so() throws Exception {
        Instant start = Instant.now();
        wristband.position(27.45, 105.40, start);
        awaitCount(1, "SELECT count(*) FROM positions WHERE device_id = ? AND lat = 27.45", platform.device.imei());
        resolveOpenAlerts();

        wristband.sosWithoutFix();

        RecordingReceiver.Request cap = platform.receiver.awaitRequest(
                request -> request.path().equals("/police/north") && request.receivedAt().isAfter(start), DELIVERY);
        Document document = parse(cap.body());
        assertThat(text(document, "circle")).startsWith("27.450000,105.400000 ");
        assertThat(cap.body()).contains("last-known-position").contains("<value>true</value>");
    }

    @Test
    void health_reports_the_database_and_the_broker_connections_up() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + server.httpPort() + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonArray("checks").stream().map(check -> ((JsonObject) check).getString("name")))
                .containsExactlyInAnyOrder("database", "broker");
    }

    private void resolveOpenAlerts() throws Exception {
        for (var alert : server.alerts().openAlerts(100).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS)) {
            server.alerts().resolve(alert.id(), org.shouhu.alert.Actor.operator("test"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void awaitCount(long expected, String sql, Object... parameters) throws Exception {
        platform.awaitCount(DELIVERY, expected, sql, parameters);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Document document, String element) {
        return document.getElementsByTagNameNS(CAP_NS, element).item(0).getTextContent();
    }
}
