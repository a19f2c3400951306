package org.shouhu.protocol.internal;

import java.util.List;

import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.StatusReport;

/**
 * JSON form of {@link StatusReport}:
 * {@code {"v":1,"type":"status","device":"860000000000001","seq":44,"time":"...","battery":55,"worn":true,
 * "charging":false}}. Stateless and thread-safe.
 */
public final class StatusJsonCodec {

    static final List<String> FIELDS = List.of("v", "type", "device", "seq", "time", "battery", "worn", "charging");

    private StatusJsonCodec() {
    }

    public static StatusReport decode(JsonObject root, JsonHeader<MessageType> header, FixRules rules)
            throws ProtocolException {
        root.allowOnly(FIELDS);
        long time = root.time("time");
        int battery = (int) root.integer("battery", 0, 100);
        boolean worn = root.bool("worn");
        boolean charging = root.bool("charging");
        return new StatusReport(header.device(), header.sequence(), rules.notInFuture(time, root.location(), "time", 0),
                battery, worn, charging);
    }

    public static byte[] encode(StatusReport status) {
        long time = Times.epochMillis(status.time(), "time");
        return JsonOutput.object(json -> {
            JsonOutput.header(json, MessageType.STATUS.topicSuffix(), status.deviceId(), "seq", status.sequence());
            JsonOutput.time(json, "time", time);
            json.writeNumberField("battery", status.batteryPercent());
            json.writeBooleanField("worn", status.worn());
            json.writeBooleanField("charging", status.charging());
        });
    }
}
