package org.shouhu.protocol.internal;

import java.time.Duration;
import java.util.List;

import org.shouhu.protocol.CommandType;
import org.shouhu.protocol.DownlinkCommand;
import org.shouhu.protocol.LocateNow;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.SetReportingInterval;
import org.shouhu.protocol.SosAcknowledged;

/**
 * JSON form of every {@link DownlinkCommand}: {@code {"v":1,"type":"locate","device":"...","cmd":7}}, plus
 * {@code "interval_s"} (10..3600) for {@code interval} and {@code "sos_seq"} for {@code sos-ack}.
 * Stateless and thread-safe.
 */
public final class CommandJsonCodec {

    static final List<String> LOCATE_FIELDS = List.of("v", "type", "device", "cmd");
    static final List<String> INTERVAL_FIELDS = List.of("v", "type", "device", "cmd", "interval_s");
    static final List<String> SOS_ACK_FIELDS = List.of("v", "type", "device", "cmd", "sos_seq");

    private CommandJsonCodec() {
    }

    public static DownlinkCommand decode(byte[] payload) throws ProtocolException {
        JsonObject root = JsonDocument.parse(payload);
        JsonHeader<CommandType> header = JsonHeader.read(root, CommandType::fromTopicSuffix, "downlink", "cmd");
        switch (header.type()) {
            case LOCATE_NOW -> {
                root.allowOnly(LOCATE_FIELDS);
                return new LocateNow(header.device(), header.sequence());
            }
            case SET_REPORTING_INTERVAL -> {
                root.allowOnly(INTERVAL_FIELDS);
                long seconds = root.integer("interval_s", Long.MIN_VALUE, Long.MAX_VALUE);
                CommandBinaryCodec.checkInterval(seconds, root.location(), 0);
                return new SetReportingInterval(header.device(), header.sequence(), Duration.ofSeconds(seconds));
            }
            case SOS_ACKNOWLEDGED -> {
                root.allowOnly(SOS_ACK_FIELDS);
                long sosSequence = root.integer("sos_seq", 0, JsonHeader.MAX_SEQUENCE);
                return new SosAcknowledged(header.device(), header.sequence(), sosSequence);
            }
            default -> throw new IllegalStateException("unhandled command type " + header.type());
        }
    }

    public static byte[] encode(DownlinkCommand command) {
        return JsonOutput.object(json -> {
            JsonOutput.header(json, command.type().topicSuffix(), command.deviceId(), "cmd", command.commandId());
            if (command instanceof SetReportingInterval interval) {
                json.writeNumberField("interval_s", interval.interval().toSeconds());
            } else if (command instanceof SosAcknowledged ack) {
                json.writeNumberField("sos_seq", ack.sosSequence());
            }
        });
    }
}
