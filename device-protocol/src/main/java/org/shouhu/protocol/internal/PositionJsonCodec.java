package org.shouhu.protocol.internal;

import java.util.List;

import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.ProtocolException;

/**
 * JSON form of {@link PositionReport}:
 * {@code {"v":1,"type":"pos","device":"860000000000001","seq":42,"fix":{...},"battery":80}}.
 * Stateless and thread-safe.
 */
public final class PositionJsonCodec {

    static final List<String> FIELDS = List.of("v", "type", "device", "seq", "fix", "battery");

    private PositionJsonCodec() {
    }

    public static PositionReport decode(JsonObject root, JsonHeader<MessageType> header, FixRules rules)
            throws ProtocolException {
        root.allowOnly(FIELDS);
        RawFix fix = FixJson.read(root.object("fix"));
        int battery = (int) root.integer("battery", 0, 100);
        return new PositionReport(header.device(), header.sequence(), rules.validate(fix), battery);
    }

    public static byte[] encode(PositionReport report) {
        RawFix fix = RawFix.of(report.fix());
        return JsonOutput.object(json -> {
            JsonOutput.header(json, MessageType.POSITION.topicSuffix(), report.deviceId(), "seq", report.sequence());
            FixJson.write(json, "fix", fix);
            json.writeNumberField("battery", report.batteryPercent());
        });
    }
}
