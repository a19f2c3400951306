package org.shouhu.protocol.internal;

import java.util.List;

import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.SosPress;

/**
 * JSON form of {@link SosPress}:
 * {@code {"v":1,"type":"sos","device":"860000000000001","seq":43,"pressed":"2026-11-23T08:00:05.000Z",
 * "fix":{...},"battery":79}}. The fix may be absent or null. The header, {@code pressed} and {@code battery} must be
 * present and well-typed; everything about the fix is repaired by {@link SosRules} rather than rejected.
 * Stateless and thread-safe.
 */
public final class SosJsonCodec {

    static final List<String> FIELDS = List.of("v", "type", "device", "seq", "pressed", "fix", "battery");

    private SosJsonCodec() {
    }

    public static SosPress decode(JsonObject root, JsonHeader<MessageType> header, FixRules rules)
            throws ProtocolException {
        root.allowOnly(FIELDS);
        long pressedAt = root.time("pressed");
        long battery = root.integer("battery", Long.MIN_VALUE, Long.MAX_VALUE);
        return SosRules.accept(header.device(), header.sequence(), pressedAt, readableFix(root), battery, rules);
    }

    private static RawFix readableFix(JsonObject root) {
        if (root.isAbsent("fix")) {
            return null;
        }
        try {
            return FixJson.read(root.object("fix"));
        } catch (ProtocolException unreadableFix) {
            // An SOS is never rejected for its fix; the platform uses the last known position instead.
            return null;
        }
    }

    public static byte[] encode(SosPress sos) {
        long pressedAt = Times.epochMillis(sos.pressedAt(), "pressedAt");
        RawFix fix = RawFix.of(sos.fix());
        return JsonOutput.object(json -> {
            JsonOutput.header(json, MessageType.SOS.topicSuffix(), sos.deviceId(), "seq", sos.sequence());
            JsonOutput.time(json, "pressed", pressedAt);
            FixJson.write(json, "fix", fix);
            json.writeNumberField("battery", sos.batteryPercent());
        });
    }
}
