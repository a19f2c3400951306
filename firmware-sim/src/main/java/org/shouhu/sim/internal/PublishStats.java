package org.shouhu.sim.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.shouhu.sim.PublishSummary;

/** Counters and acknowledgement latencies of everything a fleet publishes. Thread-safe. */
public final class PublishStats {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong downlinks = new AtomicLong();
    private final AtomicLong maxLatencyNanos = new AtomicLong();
    private final LatencyHistogram latencies = new LatencyHistogram();

    public void sent() {
        sent.incrementAndGet();
    }

    public void acknowledged(Duration latency) {
        acknowledged.incrementAndGet();
        latencies.record(latency);
        maxLatencyNanos.accumulateAndGet(latency.toNanos(), Math::max);
    }

    public void failed() {
        failed.incrementAndGet();
    }

    public void downlink() {
        downlinks.incrementAndGet();
    }

    /** The acknowledgement latencies so far, as {@link LatencyHistogram#snapshot()}. */
    public long[] latencySnapshot() {
        return latencies.snapshot();
    }

    public PublishSummary summary(int connected, int devices) {
        return new PublishSummary(sent.get(), acknowledged.get(), failed.get(), connected, devices, downlinks.get(),
                latencies.percentile(50), latencies.percentile(90), latencies.percentile(99),
                Duration.ofNanos(maxLatencyNanos.get()));
    }
}
