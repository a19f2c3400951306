package org.shouhu.benchmarks.ingest;

/**
 * What one run moved.
 *
 * @param name      what was measured
 * @param delivered messages that reached the end of the path (received, or committed)
 * @param nanos     from the first publication to the last delivery
 * @param detail    extra figures worth printing
 * @param threads   the JVM's CPU split by thread group, printed on a line of its own (empty: none)
 */
record RunResult(String name, long delivered, long nanos, String detail, String threads) {

    RunResult(String name, long delivered, long nanos, String detail) {
        this(name, delivered, nanos, detail, "");
    }

    double perSecond() {
        return delivered * 1e9 / nanos;
    }

    @Override
    public String toString() {
        return String.format("%-34s %9d msgs in %7.2f s = %,9.0f msg/s%s", name, delivered, nanos / 1e9, perSecond(),
                detail.isEmpty() ? "" : "  (" + detail + ")") + (threads.isEmpty() ? "" : "\n      " + threads);
    }
}
