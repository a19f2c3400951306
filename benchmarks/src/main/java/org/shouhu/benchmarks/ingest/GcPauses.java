package org.shouhu.benchmarks.ingest;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The stop-the-world collections of this JVM while it is open, placed on the {@link System#nanoTime()} scale (to
 * the millisecond the JVM reports them in), so that a slow SOS can be checked against them. Concurrent cycles are
 * left out: they do not stop the application's threads. Thread-safe.
 */
final class GcPauses implements AutoCloseable {

    /** One pause: its collector and cause, start and end in System.nanoTime. */
    record Pause(String collector, String cause, long start, long end) {

        long overlapNanos(long from, long to) {
            return Math.max(0, Math.min(end, to) - Math.max(start, from));
        }
    }

    private final List<Pause> pauses = new CopyOnWriteArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final long nanosAtJvmStart;
    private final NotificationListener listener = (notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (info.getGcName().contains("Concurrent") || info.getGcName().contains("Cycles")) {
            return;
        }
        long start = at(info.getGcInfo().getStartTime());
        long end = at(info.getGcInfo().getEndTime());
        pauses.add(new Pause(info.getGcName(), info.getGcCause(), start, Math.max(end, start)));
    };

    GcPauses() {
        nanosAtJvmStart = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private long at(long uptimeMillis) {
        return nanosAtJvmStart + uptimeMillis * 1_000_000;
    }

    /** The pauses that ended after {@code from} (System.nanoTime). */
    List<Pause> since(long from) {
        return pauses.stream().filter(p -> p.end() >= from).toList();
    }

    /** How long the pauses overlapped the interval from {@code from} to {@code to} (System.nanoTime). */
    long pausedNanos(long from, long to) {
        long total = 0;
        for (Pause pause : pauses) {
            total += pause.overlapNanos(from, to);
        }
        return total;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Nothing to undo.
            }
        }
    }
}
