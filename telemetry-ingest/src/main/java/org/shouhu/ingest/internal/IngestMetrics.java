package org.shouhu.ingest.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.shouhu.protocol.MessageType;

/**
 * The ingest meters, created once and registered in the injected registry. Thread-safe.
 *
 * <p>Names: {@code shouhu.ingest.messages.received{kind}}, {@code shouhu.ingest.messages.rejected{reason}},
 * {@code shouhu.ingest.positions.stored}, {@code shouhu.ingest.positions.duplicates},
 * {@code shouhu.ingest.statuses.stored}, {@code shouhu.ingest.sos.handled}, {@code shouhu.ingest.sos.duplicates},
 * {@code shouhu.ingest.sos.late}, {@code shouhu.ingest.sos.corrupt}, {@code shouhu.ingest.sos.handler.failures},
 * {@code shouhu.ingest.sos.store.failures}, {@code shouhu.ingest.sos.stored} and {@code shouhu.ingest.sos.acknowledged}
 * (time from receipt), {@code shouhu.ingest.batch.size}, {@code shouhu.ingest.batch.commit},
 * {@code shouhu.ingest.batch.failures}, {@code shouhu.ingest.batch.staged}, {@code shouhu.ingest.queue.overflows},
 * {@code shouhu.ingest.mqtt.connects}, {@code shouhu.ingest.mqtt.disconnects}, {@code shouhu.ingest.listener.failures},
 * and the gauge {@code shouhu.ingest.queue.depth}.
 */
public final class IngestMetrics {

    private static final String PREFIX = "shouhu.ingest.";

    private final MeterRegistry registry;
    private final Map<MessageType, Counter> received = new EnumMap<>(MessageType.class);
    private final Counter receivedUnknown;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    final Counter positionsStored;
    final Counter positionsDuplicates;
    final Counter statusesStored;
    final Counter sosHandled;
    final Counter sosDuplicates;
    final Counter sosLate;
    final Counter sosCorrupt;
    final Counter sosHandlerFailures;
    final Counter sosStoreFailures;
    final Timer sosStored;
    final Timer sosAcknowledged;
    final DistributionSummary batchSize;
    final Timer batchCommit;
    final Counter batchFailures;
    final Counter batchStaged;
    final Counter queueOverflows;
    final Counter mqttConnects;
    final Counter mqttDisconnects;
    final Counter listenerFailures;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (MessageType type : MessageType.values()) {
            received.put(type, counter("messages.received", "Uplink messages received, by kind",
                    "kind", type.topicSuffix()));
        }
        receivedUnknown = counter("messages.received", "Uplink messages received, by kind", "kind", "unknown");
        positionsStored = counter("positions.stored", "Positions stored for the first time");
        positionsDuplicates = counter("positions.duplicates", "Positions received again and not stored twice");
        statusesStored = counter("statuses.stored", "Status reports stored for the first time");
        sosHandled = counter("sos.handled", "SOS presses handed to the alert side successfully");
        sosDuplicates = counter("sos.duplicates", "SOS presses received again (still handed to the alert side)");
        sosLate = counter("sos.late", "SOS presses received later than the late threshold");
        sosCorrupt = counter("sos.corrupt", "Damaged SOS frames raised as SOS from their topic");
        sosHandlerFailures = counter("sos.handler.failures", "Failed SOS handler calls (retried)");
        sosStoreFailures = counter("sos.store.failures", "Failed SOS writes (retried)");
        sosStored = Timer.builder(PREFIX + "sos.stored").description("Time from receipt to the commit of an SOS row")
                .register(registry);
        sosAcknowledged = Timer.builder(PREFIX + "sos.acknowledged")
                .description("Time from receipt to the acknowledgement of an SOS (stored and handled)")
                .register(registry);
        batchSize = DistributionSummary.builder(PREFIX + "batch.size").description("Messages per committed batch")
                .register(registry);
        batchCommit = Timer.builder(PREFIX + "batch.commit").description("Time to write and commit one batch")
                .register(registry);
        batchFailures = counter("batch.failures", "Failed batch commits (retried)");
        batchStaged = counter("batch.staged",
                "Batches whose positions went through the staging table (a duplicate was possible)");
        queueOverflows = counter("queue.overflows", "Times the receive queue was full and the connection dropped");
        mqttConnects = counter("mqtt.connects", "Successful connections to the broker");
        mqttDisconnects = counter("mqtt.disconnects", "Connections to the broker lost or failed");
        listenerFailures = counter("listener.failures", "Exceptions thrown by the telemetry listener");
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(PREFIX + name).description(description).tags(tags).register(registry);
    }

    public void received(MessageType type) {
        (type == null ? receivedUnknown : received.get(type)).increment();
    }

    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> counter("messages.rejected", "Payloads dead-lettered, by reason",
                "reason", r)).increment();
    }

    public void listenerFailed() {
        listenerFailures.increment();
    }

    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder(PREFIX + "queue.depth", depth).description("Messages received and not yet committed")
                .strongReference(true).register(registry);
    }
}
