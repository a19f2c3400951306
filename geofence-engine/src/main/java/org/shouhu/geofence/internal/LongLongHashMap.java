package org.shouhu.geofence.internal;

import java.util.function.LongUnaryOperator;

/**
 * An open-addressing hash map from long keys to long values with linear probing, for the grid's cell tables: no
 * boxing, and each key sits next to its value in one array, so a lookup that hits costs one cache miss. Grows
 * (doubling) to keep the load factor at most one half. Keys must not be {@link Long#MIN_VALUE}. Not thread-safe while
 * being filled; safe to read from many threads once published and no longer written.
 */
final class LongLongHashMap {

    static final long MISSING = -1;
    private static final long FREE = Long.MIN_VALUE;

    /** Slot s holds its key at 2s and its value at 2s + 1. */
    private long[] slots;
    private int mask;
    private int size;

    /** A map that holds {@code capacity} keys before it first grows. */
    LongLongHashMap(int capacity) {
        allocate(Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1);
    }

    private void allocate(int slotCount) {
        this.slots = new long[2 * slotCount];
        this.mask = slotCount - 1;
        for (int s = 0; s < slots.length; s += 2) {
            slots[s] = FREE;
        }
    }

    /** The value for the key, or {@link #MISSING}. */
    long get(long key) {
        long[] table = slots;
        int slot = slot(key);
        while (true) {
            long k = table[2 * slot];
            if (k == key) {
                return table[2 * slot + 1];
            }
            if (k == FREE) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Puts the value unless the key is present; returns the value now stored for the key. */
    long putIfAbsent(long key, long value) {
        int slot = slot(key);
        while (true) {
            long k = slots[2 * slot];
            if (k == key) {
                return slots[2 * slot + 1];
            }
            if (k == FREE) {
                if ((size + 1) * 2 > slots.length / 2) {
                    grow();
                    return putIfAbsent(key, value);
                }
                slots[2 * slot] = key;
                slots[2 * slot + 1] = value;
                size++;
                return value;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Puts the value for the key, replacing any value it had. */
    void put(long key, long value) {
        int slot = slot(key);
        while (true) {
            long k = slots[2 * slot];
            if (k == key) {
                slots[2 * slot + 1] = value;
                return;
            }
            if (k == FREE) {
                putIfAbsent(key, value);
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Receives a key and its value. */
    interface EntryVisitor {
        void visit(long key, long value);
    }

    /** Calls the visitor with every key and its value, in no particular order. */
    void forEach(EntryVisitor visitor) {
        for (int s = 0; s < slots.length; s += 2) {
            if (slots[s] != FREE) {
                visitor.visit(slots[s], slots[s + 1]);
            }
        }
    }

    /** Replaces every value v with {@code f(v)}. */
    void transformValues(LongUnaryOperator f) {
        for (int s = 0; s < slots.length; s += 2) {
            if (slots[s] != FREE) {
                slots[s + 1] = f.applyAsLong(slots[s + 1]);
            }
        }
    }

    private void grow() {
        long[] old = slots;
        allocate(old.length); // twice the slots: old.length / 2 slots before
        for (int s = 0; s < old.length; s += 2) {
            if (old[s] != FREE) {
                int slot = slot(old[s]);
                while (slots[2 * slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                slots[2 * slot] = old[s];
                slots[2 * slot + 1] = old[s + 1];
            }
        }
    }

    int size() {
        return size;
    }

    /** Bytes held by the table; for sizing reports. */
    long bytes() {
        return 8L * slots.length;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
