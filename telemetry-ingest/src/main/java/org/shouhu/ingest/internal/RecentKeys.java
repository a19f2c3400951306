package org.shouhu.ingest.internal;

/**
 * The keys of positions a writer lane committed recently, in bounded memory: a direct-mapped table in which a key
 * takes the slot its hash names and evicts whoever held it. {@link #mayContain} answers true only for a key that was
 * added and not evicted since, so a fix that a wristband sends again soon after (a resend, a redelivery to the same
 * instance) is recognised; every other duplicate (one stored by another instance, before a restart, or evicted) is
 * not, and is left to the database's unique key. Correctness never depends on this table: it only saves the cost of
 * a batch that would fail on that key. Not thread-safe: one per writer lane (a device always maps to the same lane).
 */
final class RecentKeys {

    private final long[] devices;
    private final long[] sequences;
    private final long[] fixMicros;
    private final int mask;

    /** @param slots a power of two; each slot holds one key (24 bytes) */
    RecentKeys(int slots) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        devices = new long[slots];
        sequences = new long[slots];
        fixMicros = new long[slots];
        mask = slots - 1;
        // An empty slot matches only device 0's sequence 0 at the Unix epoch; a false match costs nothing but the
        // batch taking the staging path.
    }

    boolean mayContain(long device, long sequence, long fixTimeMicros) {
        int slot = slot(device, sequence, fixTimeMicros);
        return devices[slot] == device && sequences[slot] == sequence && fixMicros[slot] == fixTimeMicros;
    }

    void add(long device, long sequence, long fixTimeMicros) {
        int slot = slot(device, sequence, fixTimeMicros);
        devices[slot] = device;
        sequences[slot] = sequence;
        fixMicros[slot] = fixTimeMicros;
    }

    private int slot(long device, long sequence, long fixTimeMicros) {
        long h = device * 0x9E3779B97F4A7C15L + sequence * 0xC2B2AE3D27D4EB4FL + fixTimeMicros;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
