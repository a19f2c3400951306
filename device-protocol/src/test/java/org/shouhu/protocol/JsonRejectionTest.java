package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.protocol.Frames.json;
import static org.shouhu.protocol.Frames.rejected;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.shouhu.protocol.ProtocolException.Reason;

/** The JSON form is strict: every fault is rejected with a typed reason that names the field. */
class JsonRejectionTest {

    private static final String TOPIC = Examples.topic(Examples.POSITION);
    private static final String POSITION = new String(UplinkCodec.encodeJson(Examples.POSITION), StandardCharsets.UTF_8);

    private static final List<String> FIX_FIELDS =
            List.of("time", "lat", "lon", "acc", "src", "speed", "heading");

    private static ProtocolException rejectedPosition(String payload) {
        return rejected(TOPIC, json(payload));
    }

    @Test
    void accepts_the_example_position_with_whitespace_and_fields_in_any_order() throws ProtocolException {
        String reordered = " \n{\"battery\":80, \"fix\":{\"heading\":90.0,\"speed\":1.2,\"src\":\"gnss\",\"acc\":8,"
                + "\"lon\":105.3,\"lat\":27.3,\"time\":\"2026-11-23T08:00:00Z\"},\"seq\":42,"
                + "\"device\":\"860000000000001\",\"type\":\"pos\",\"v\":1}\n";
        assertThat(Examples.CODEC.decode(TOPIC, json(reordered))).isEqualTo(Examples.POSITION);
    }

    @Test
    void rejects_malformed_json() {
        for (String payload : List.of("{", "{\"v\":1,", "{\"v\":1}}", "{\"v\":1} {\"v\":1}", "{v:1}",
                "{\"v\":1,\"v\":1}", "{\"v\":01}", "{\"v\":NaN}", "{'v':1}", " [1,2]", "{\"v\":1 /* c */}")) {
            ProtocolException e = rejectedPosition(payload);
            assertThat(e.reason()).as(payload + ": " + e.getMessage()).isEqualTo(Reason.MALFORMED_JSON);
        }
    }

    @Test
    void rejects_invalid_utf8_as_malformed_json() {
        byte[] payload = json("{\"type\":\"pos?\"}");
        payload[13] = (byte) 0xFF;
        assertThat(rejected(TOPIC, payload).reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void malformed_json_error_says_where_the_parser_stopped() {
        ProtocolException e = rejectedPosition("{\"v\":1,\"type\":}");
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON);
        assertThat(e.offset()).isEqualTo(14);
    }

    @Test
    void rejects_every_missing_field_naming_it() {
        for (String field : List.of("v", "type", "device", "seq", "fix", "battery", "time", "lat", "lon", "acc",
                "src", "speed", "heading")) {
            String payload = field.equals("fix")
                    ? POSITION.replaceFirst("\"fix\":\\{[^}]*},", "")
                    : POSITION.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*),?", "").replace(",}", "}");
            ProtocolException e = rejectedPosition(payload);
            assertThat(e.reason()).as(payload + ": " + e.getMessage()).isEqualTo(Reason.MISSING_FIELD);
            String name = FIX_FIELDS.contains(field) ? "fix." + field : field;
            assertThat(e.getMessage()).contains(name + " is missing");
        }
    }

    @Test
    void rejects_null_as_missing() {
        ProtocolException e = rejectedPosition(POSITION.replace("\"battery\":80", "\"battery\":null"));
        assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(e.getMessage()).contains("battery is null");
    }

    @Test
    void rejects_wrong_json_types_naming_the_field() {
        record Case(String from, String to, String field) {
        }
        for (Case c : List.of(new Case("\"seq\":42", "\"seq\":\"42\"", "seq"),
                new Case("\"device\":\"860000000000001\"", "\"device\":860000000000001", "device"),
                new Case("\"battery\":80", "\"battery\":80.5", "battery"),
                new Case("\"lat\":27.3", "\"lat\":\"27.3\"", "fix.lat"),
                new Case("\"acc\":8", "\"acc\":true", "fix.acc"),
                new Case("\"time\":\"2026-11-23T08:00:00.000Z\"", "\"time\":1795334400000", "fix.time"),
                new Case("\"fix\":{", "\"fix\":[{", "fix"))) {
            String payload = POSITION.replace(c.from(), c.to());
            if (c.field().equals("fix")) {
                payload = payload.replace("},\"battery\"", "}],\"battery\"");
            }
            ProtocolException e = rejectedPosition(payload);
            assertThat(e.reason()).as(payload).isEqualTo(Reason.INVALID_FIELD);
            assertThat(e.getMessage()).contains(c.field() + " must be");
        }
    }

    @Test
    void rejects_unknown_fields_at_any_level() {
        ProtocolException top = rejectedPosition(POSITION.replace("\"battery\":80", "\"battery\":80,\"batery\":80"));
        assertThat(top.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(top.getMessage()).contains("unknown field 'batery'");
        ProtocolException nested = rejectedPosition(POSITION.replace("\"acc\":8", "\"acc\":8,\"alt\":1200"));
        assertThat(nested.getMessage()).contains("unknown field 'fix.alt'");
    }

    @Test
    void rejects_unknown_type_and_unsupported_version() {
        assertThat(rejectedPosition(POSITION.replace("\"pos\"", "\"position\"")).reason())
                .isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(rejectedPosition(POSITION.replace("\"pos\"", "\"locate\"")).reason())
                .isEqualTo(Reason.UNKNOWN_TYPE);
        assertThat(rejectedPosition(POSITION.replace("\"v\":1", "\"v\":2")).reason())
                .isEqualTo(Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void rejects_out_of_range_values_naming_the_field() {
        record Case(String from, String to, Reason reason, String field) {
        }
        for (Case c : List.of(
                new Case("\"lat\":27.3", "\"lat\":90.5", Reason.COORDINATE_OUT_OF_RANGE, "fix.lat"),
                new Case("\"lon\":105.3", "\"lon\":-1e300", Reason.COORDINATE_OUT_OF_RANGE, "fix.lon"),
                new Case("\"battery\":80", "\"battery\":101", Reason.INVALID_FIELD, "battery"),
                new Case("\"seq\":42", "\"seq\":4294967296", Reason.INVALID_FIELD, "seq"),
                new Case("\"seq\":42", "\"seq\":-1", Reason.INVALID_FIELD, "seq"),
                new Case("\"seq\":42", "\"seq\":123456789012345678901234567890", Reason.INVALID_FIELD, "seq"),
                new Case("\"acc\":8", "\"acc\":65535", Reason.INVALID_FIELD, "fix.acc"),
                new Case("\"speed\":1.2", "\"speed\":-0.5", Reason.INVALID_FIELD, "fix.speed"),
                new Case("\"heading\":90", "\"heading\":360", Reason.INVALID_FIELD, "fix.heading"),
                new Case("\"src\":\"gnss\"", "\"src\":\"GPS\"", Reason.INVALID_FIELD, "fix.src"),
                new Case("\"device\":\"860000000000001\"", "\"device\":\"86000000000001\"", Reason.INVALID_FIELD,
                        "device"),
                new Case("08:00:00.000Z", "08:00:00.000123Z", Reason.INVALID_FIELD, "fix.time"),
                new Case("08:00:00.000Z", "25:00:00Z", Reason.INVALID_FIELD, "fix.time"),
                new Case("2026-11-23T08:00:00.000Z", "+999999999-01-01T00:00:00Z", Reason.INVALID_FIELD, "fix.time"),
                new Case("2026-11-23T08:00:00.000Z", "2026-11-23T08:07:00.001Z", Reason.TIME_IN_FUTURE, "fix.time"))) {
            String payload = POSITION.replace(c.from(), c.to());
            assertThat(payload).as("case applies").isNotEqualTo(POSITION);
            ProtocolException e = rejectedPosition(payload);
            assertThat(e.reason()).as(payload + ": " + e.getMessage()).isEqualTo(c.reason());
            assertThat(e.getMessage()).contains(c.field());
        }
    }

    @Test
    void rejects_batch_without_positions_and_names_a_bad_entry() {
        String batch = new String(UplinkCodec.encodeJson(Examples.BATCH), StandardCharsets.UTF_8);
        String batchTopic = Examples.topic(Examples.BATCH);
        String empty = batch.replaceFirst("\\[.*]", "[]");
        assertThat(rejected(batchTopic, json(empty)).getMessage()).contains("positions holds 0 items");

        ProtocolException e = rejected(batchTopic, json(batch.replace("\"lat\":27.295", "\"lat\":-91")));
        assertThat(e.reason()).isEqualTo(Reason.COORDINATE_OUT_OF_RANGE);
        assertThat(e.getMessage()).contains("positions[1].fix.lat");
    }

    @Test
    void rejects_status_with_non_boolean_flag() {
        String status = new String(UplinkCodec.encodeJson(Examples.STATUS), StandardCharsets.UTF_8);
        ProtocolException e = rejected(Examples.topic(Examples.STATUS), json(status.replace("true", "1")));
        assertThat(e.reason()).isEqualTo(Reason.INVALID_FIELD);
        assertThat(e.getMessage()).contains("worn must be true or false");
    }
}
