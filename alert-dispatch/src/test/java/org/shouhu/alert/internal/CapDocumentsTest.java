package org.shouhu.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.AlertState;
import org.shouhu.alert.CapDocumentException;
import org.shouhu.alert.Child;
import org.shouhu.alert.MessageKind;
import org.shouhu.alert.ReportedPosition;
import org.shouhu.protocol.DeviceId;

/** CAP rendering and parsing, checked against the official CAP 1.2 schema. */
class CapDocumentsTest {

    private static final Instant RAISED = Instant.parse("2026-11-23T02:15:30.250Z");

    private final AlertDispatchConfig config = AlertDispatchConfig.parse(Map.of(
            "alerts.police.fallback-endpoint", "https://command.example/cap",
            "alerts.webhook.hmac-secret", "0123456789abcdef0123"));
    private final CapRenderer renderer = new CapRenderer(config,
            new AlertTexts(new MessageTemplates(), config.capOffset()));

    private static AlertSnapshot sos(String childName, Optional<ReportedPosition> position, int escalation) {
        return new AlertSnapshot(AlertId.parse("6c574270-cb93-4852-b668-979983549fc6"), AlertKind.SOS,
                DeviceId.parse("860000000000042"), new Child("c-1", childName), 9, "", RAISED, RAISED, position,
                false, 37, "榕江县公安局", false, AlertState.RAISED, escalation, 1, 0);
    }

    private static void validate(String xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(CapDocumentsTest.class.getResource("/cap/CAP-v1.2.xsd")).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void alert_is_valid_cap_with_offset_time_and_accuracy_circle() throws Exception {
        ReportedPosition lastKnown = new ReportedPosition(26.0123456, 108.5, 1250, RAISED.minusSeconds(600), true,
                Duration.ofMinutes(10));
        String xml = renderer.render(sos("王小明", Optional.of(lastKnown), 0), MessageKind.ALERT, 0, RAISED, "");
        validate(xml);
        assertThat(xml).contains("<identifier>shouhu.6c574270-cb93-4852-b668-979983549fc6</identifier>",
                "<sent>2026-11-23T10:15:30+08:00</sent>", "<circle>26.012346,108.500000 1.250</circle>",
                "<severity>Severe</severity>", "最后已知位置", "10 分钟", "电量 37%",
                "<valueName>last-known-position</valueName><value>true</value>",
                "<valueName>position-age-seconds</valueName><value>600</value>");
        assertThat(xml).doesNotContain("<references>");
    }

    @Test
    void update_and_cancel_reference_the_original_alert() throws Exception {
        String update = renderer.render(sos("王小明", Optional.empty(), 2), MessageKind.UPDATE, 3,
                RAISED.plusSeconds(240), "");
        validate(update);
        assertThat(update).contains("<msgType>Update</msgType>",
                "<identifier>shouhu.6c574270-cb93-4852-b668-979983549fc6.u3</identifier>",
                "<references>alerts@shouhu.org,shouhu.6c574270-cb93-4852-b668-979983549fc6,"
                        + "2026-11-23T10:15:30+08:00</references>", "<severity>Extreme</severity>");
        String cancel = renderer.render(sos("王小明", Optional.empty(), 0), MessageKind.CANCEL, 0,
                RAISED.plusSeconds(600), "police:110");
        validate(cancel);
        assertThat(cancel).contains("<msgType>Cancel</msgType>", "<urgency>Past</urgency>",
                "<responseType>AllClear</responseType>", "police:110");
    }

    @Test
    void text_with_markup_characters_is_escaped() throws Exception {
        String xml = renderer.render(sos("<b>Tom & Jerry</b>", Optional.empty(), 0), MessageKind.ALERT, 0, RAISED,
                "");
        validate(xml);
        assertThat(xml).contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;").doesNotContain("<b>");
    }

    @Test
    void ack_parser_finds_our_alerts_in_references_and_ignores_others() {
        CapAckParser parser = new CapAckParser("alerts@shouhu.org");
        String ack = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>A1</identifier>"
                + "<sender>110@police</sender><sent>2026-11-23T10:16:00+08:00</sent><status>Actual</status>"
                + "<msgType>Ack</msgType><scope>Restricted</scope><references>"
                + "other@sender,shouhu.11111111-1111-1111-1111-111111111111,2026-11-23T10:15:30+08:00 "
                + "alerts@shouhu.org,shouhu.6c574270-cb93-4852-b668-979983549fc6.u2,2026-11-23T10:15:30+08:00"
                + "</references></alert>";
        CapAckParser.CapAck parsed = parser.parse(ack);
        assertThat(parsed.sender()).isEqualTo("110@police");
        assertThat(parsed.alerts()).containsExactly(AlertId.parse("6c574270-cb93-4852-b668-979983549fc6"));
        assertThrows(CapDocumentException.class, () -> parser.parse(ack.replace("alerts@shouhu.org", "x@y")));
        assertThrows(CapDocumentException.class, () -> parser.parse("not xml"));
        assertThrows(CapDocumentException.class, () -> parser.parse(ack.replace("<msgType>Ack", "<msgType>Alert")));
    }

    @Test
    void identifiers_round_trip_and_reject_foreign_ones() {
        AlertId id = AlertId.random();
        assertThat(CapIdentifiers.alertOf(CapIdentifiers.alert(id))).contains(id);
        assertThat(CapIdentifiers.alertOf(CapIdentifiers.update(id, 12))).contains(id);
        assertThat(CapIdentifiers.alertOf(CapIdentifiers.cancel(id))).contains(id);
        assertThat(CapIdentifiers.alertOf("shouhu.not-a-uuid-at-all-but-36-characters")).isEmpty();
        assertThat(CapIdentifiers.alertOf("NWS-123")).isEmpty();
    }
}
