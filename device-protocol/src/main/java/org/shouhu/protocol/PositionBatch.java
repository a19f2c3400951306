package org.shouhu.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Position reports buffered while the device was out of coverage, uploaded together. Each report keeps its own
 * sequence and fix time; they may be out of order and late. The batch has a sequence of its own.
 */
public record PositionBatch(DeviceId deviceId, long sequence, List<PositionReport> positions) implements UplinkMessage {

    public static final int MAX_POSITIONS = 1024;

    public PositionBatch {
        Objects.requireNonNull(deviceId, "deviceId");
        UplinkMessage.checkSequence(sequence);
        positions = List.copyOf(positions);
        if (positions.isEmpty() || positions.size() > MAX_POSITIONS) {
            throw new IllegalArgumentException("a batch holds 1.." + MAX_POSITIONS + " positions: " + positions.size());
        }
        for (PositionReport report : positions) {
            if (!report.deviceId().equals(deviceId)) {
                throw new IllegalArgumentException("batch of " + deviceId + " holds a report of " + report.deviceId());
            }
        }
    }

    @Override
    public MessageType type() {
        return MessageType.POSITION_BATCH;
    }
}
