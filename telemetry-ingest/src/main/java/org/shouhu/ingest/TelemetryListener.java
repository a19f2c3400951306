package org.shouhu.ingest;

import java.util.List;

/**
 * Told about telemetry after it is committed, so that other parts of the platform (the geofence engine) can act on
 * it. Only rows stored for the first time are reported: a redelivered duplicate is not reported again.
 *
 * <p>Called on the ingest verticle's event-loop thread, one call per committed batch, in commit order; must not
 * block. An exception thrown here is logged and counted; it does not undo the commit or the acknowledgement.
 */
public interface TelemetryListener {

    /** Does nothing. */
    TelemetryListener NONE = new TelemetryListener() {
    };

    /** Positions committed by one batch, in the order they were received. */
    default void onPositions(List<StoredPosition> positions) {
    }

    /** Status reports committed by one batch, in the order they were received. */
    default void onStatuses(List<StoredStatus> statuses) {
    }
}
