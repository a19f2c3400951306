package org.shouhu.server.demo;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.shouhu.ingest.StoredPosition;
import org.shouhu.ingest.TelemetryListener;
import org.shouhu.protocol.DeviceId;

/** Remembers which wristbands have a committed position, so the demo can wait for one before it needs it. */
final class StoredDevices implements TelemetryListener {

    private final Set<DeviceId> withPosition = ConcurrentHashMap.newKeySet();

    @Override
    public void onPositions(List<StoredPosition> positions) {
        boolean added = false;
        for (StoredPosition position : positions) {
            added |= withPosition.add(position.device());
        }
        if (added) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until the device has a committed position or the timeout passes (then the demo goes on regardless). */
    synchronized void awaitPosition(DeviceId device, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!withPosition.contains(device)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
