package org.shouhu.protocol.internal;

import java.time.Duration;

import org.shouhu.protocol.CommandType;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.DownlinkCommand;
import org.shouhu.protocol.LocateNow;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;
import org.shouhu.protocol.SetReportingInterval;
import org.shouhu.protocol.SosAcknowledged;

/**
 * Binary form of every {@link DownlinkCommand}. Header (14) with the command id in the sequence field, then:
 * locate-now has no body (16 bytes in all); set-reporting-interval has seconds u16 at byte 14 (18 bytes);
 * SOS-acknowledged has the SOS sequence u32 at byte 14 (20 bytes). Stateless and thread-safe.
 */
public final class CommandBinaryCodec {

    public static final int BODY_OFFSET = FrameHeader.SIZE;

    private CommandBinaryCodec() {
    }

    public static DownlinkCommand decode(byte[] frame) throws ProtocolException {
        FrameReader reader = new FrameReader(frame);
        FrameHeader header = FrameHeader.read(reader, code -> CommandType.fromCode(code) != null, "downlink");
        CommandType type = CommandType.fromCode(header.typeCode());
        FieldLocation body = FieldLocation.binary("", 0);
        switch (type) {
            case LOCATE_NOW -> {
                reader.finish();
                return new LocateNow(header.device(), header.sequence());
            }
            case SET_REPORTING_INTERVAL -> {
                int seconds = reader.u16("interval_s");
                reader.finish();
                return new SetReportingInterval(header.device(), header.sequence(),
                        Duration.ofSeconds(checkInterval(seconds, body, BODY_OFFSET)));
            }
            case SOS_ACKNOWLEDGED -> {
                long sosSequence = reader.u32("sos_seq");
                reader.finish();
                return new SosAcknowledged(header.device(), header.sequence(), sosSequence);
            }
            default -> throw new IllegalStateException("unhandled command type " + type);
        }
    }

    /** Checks a reporting interval in seconds against {@link SetReportingInterval#MIN}..{@link SetReportingInterval#MAX}. */
    static long checkInterval(long seconds, FieldLocation at, int relative) throws ProtocolException {
        if (seconds < SetReportingInterval.MIN.toSeconds() || seconds > SetReportingInterval.MAX.toSeconds()) {
            throw at.error(Reason.INVALID_FIELD, "interval_s", relative, seconds + " is outside "
                    + SetReportingInterval.MIN.toSeconds() + ".." + SetReportingInterval.MAX.toSeconds() + " seconds");
        }
        return seconds;
    }

    public static byte[] encode(DownlinkCommand command) {
        FrameWriter writer = new FrameWriter(20);
        DeviceId device = command.deviceId();
        FrameHeader.write(writer, command.type().code(), device, command.commandId());
        if (command instanceof SetReportingInterval interval) {
            writer.u16((int) interval.interval().toSeconds());
        } else if (command instanceof SosAcknowledged ack) {
            writer.u32(ack.sosSequence());
        }
        return writer.finish();
    }
}
