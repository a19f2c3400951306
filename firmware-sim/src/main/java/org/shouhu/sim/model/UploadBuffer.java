package org.shouhu.sim.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.UplinkMessage;

/**
 * What a band holds while it has no network: position reports (uploaded later as batches) and messages that must be
 * sent one by one (SOS presses, status reports). Bounded like device flash: when full, the oldest positions are
 * dropped, and counted; SOS presses are never dropped. Not thread-safe.
 */
final class UploadBuffer {

    static final int CAPACITY = 2_880;

    private final Deque<PositionReport> positions = new ArrayDeque<>();
    private final List<UplinkMessage> urgent = new ArrayList<>();
    private final List<UplinkMessage> deferred = new ArrayList<>();
    private long droppedPositions;

    void holdPosition(PositionReport report) {
        if (positions.size() == CAPACITY) {
            positions.removeFirst();
            droppedPositions++;
        }
        positions.addLast(report);
    }

    /** SOS presses: sent first on reconnect. */
    void holdUrgent(UplinkMessage message) {
        urgent.add(message);
    }

    /** Status reports: sent after the positions on reconnect; only the last hundred are kept. */
    void holdDeferred(UplinkMessage message) {
        if (deferred.size() == 100) {
            deferred.remove(0);
        }
        deferred.add(message);
    }

    boolean isEmpty() {
        return positions.isEmpty() && urgent.isEmpty() && deferred.isEmpty();
    }

    List<UplinkMessage> drainUrgent() {
        List<UplinkMessage> out = List.copyOf(urgent);
        urgent.clear();
        return out;
    }

    /** The held positions in capture order, in chunks of at most {@code chunk}. */
    List<List<PositionReport>> drainPositions(int chunk) {
        List<List<PositionReport>> chunks = new ArrayList<>();
        List<PositionReport> current = new ArrayList<>(Math.min(chunk, positions.size()));
        while (!positions.isEmpty()) {
            current.add(positions.removeFirst());
            if (current.size() == chunk) {
                chunks.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    List<UplinkMessage> drainDeferred() {
        List<UplinkMessage> out = List.copyOf(deferred);
        deferred.clear();
        return out;
    }

    long droppedPositions() {
        return droppedPositions;
    }
}
