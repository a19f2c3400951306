package org.shouhu.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.StoredStatus;
import org.shouhu.ingest.TelemetryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes committed telemetry to every registered listener (geofence engine, live map feed). One listener's failure
 * is logged and does not keep the others from hearing about the batch. Thread-safe.
 */
public final class TelemetryFanout implements TelemetryListener {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryFanout.class);

    private final List<TelemetryListener> listeners = new CopyOnWriteArrayList<>();

    public void add(TelemetryListener listener) {
        listeners.add(listener);
    }

    @Override
    public void onPositions(List<StoredPosition> positions) {
        for (TelemetryListener listener : listeners) {
            try {
                listener.onPositions(positions);
            } catch (RuntimeException e) {
                LOG.error("telemetry listener {} failed on {} positions", listener, positions.size(), e);
            }
        }
    }

    @Override
    public void onStatuses(List<StoredStatus> statuses) {
        for (TelemetryListener listener : listeners) {
            try {
                listener.onStatuses(statuses);
            } catch (RuntimeException e) {
                LOG.error("telemetry listener {} failed on {} statuses", listener, statuses.size(), e);
            }
        }
    }
}
