package org.shouhu.protocol.internal;

import java.util.ArrayList;
import java.util.List;

import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionBatch;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.ProtocolException;

/**
 * JSON form of {@link PositionBatch}:
 * {@code {"v":1,"type":"batch","device":"860000000000001","seq":45,"positions":[{"seq":40,"fix":{...},
 * "battery":81},...]}} with 1..1024 positions. A batch is accepted or rejected as a whole, and a rejection names the
 * entry ({@code positions[3].fix.lat}). Stateless and thread-safe.
 */
public final class BatchJsonCodec {

    static final List<String> FIELDS = List.of("v", "type", "device", "seq", "positions");
    static final List<String> ENTRY_FIELDS = List.of("seq", "fix", "battery");

    private BatchJsonCodec() {
    }

    public static PositionBatch decode(JsonObject root, JsonHeader<MessageType> header, FixRules rules)
            throws ProtocolException {
        root.allowOnly(FIELDS);
        List<JsonObject> entries = root.objects("positions", 1, PositionBatch.MAX_POSITIONS);
        List<PositionReport> positions = new ArrayList<>(entries.size());
        for (JsonObject entry : entries) {
            entry.allowOnly(ENTRY_FIELDS);
            long sequence = entry.integer("seq", 0, JsonHeader.MAX_SEQUENCE);
            RawFix fix = FixJson.read(entry.object("fix"));
            int battery = (int) entry.integer("battery", 0, 100);
            positions.add(new PositionReport(header.device(), sequence, rules.validate(fix), battery));
        }
        return new PositionBatch(header.device(), header.sequence(), positions);
    }

    public static byte[] encode(PositionBatch batch) {
        List<RawFix> fixes = batch.positions().stream().map(report -> RawFix.of(report.fix())).toList();
        return JsonOutput.object(json -> {
            JsonOutput.header(json, MessageType.POSITION_BATCH.topicSuffix(), batch.deviceId(), "seq",
                    batch.sequence());
            json.writeArrayFieldStart("positions");
            for (int i = 0; i < fixes.size(); i++) {
                PositionReport report = batch.positions().get(i);
                json.writeStartObject();
                json.writeNumberField("seq", report.sequence());
                FixJson.write(json, "fix", fixes.get(i));
                json.writeNumberField("battery", report.batteryPercent());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
