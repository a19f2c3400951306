package org.shouhu.ingest.internal;

import java.util.List;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.StoredStatus;

/**
 * What one committed batch wrote.
 *
 * @param messages  every message of the batch: all may now be acknowledged
 * @param positions positions stored for the first time
 * @param statuses  statuses stored for the first time
 */
public record CommittedBatch(List<InboundMessage> messages, List<StoredPosition> positions,
                             List<StoredStatus> statuses) {

    public CommittedBatch {
        messages = List.copyOf(messages);
        positions = List.copyOf(positions);
        statuses = List.copyOf(statuses);
    }
}
