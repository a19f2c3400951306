package org.shouhu.geofence.internal;

import java.util.Arrays;

/**
 * An open-addressing hash map from long keys to int values with linear probing, for the grid's cell table: no
 * boxing, one array access per probe. Grows (doubling) to keep the load factor at most one half. Keys must not be
 * {@link Long#MIN_VALUE}. Not thread-safe while being filled; safe to read from many threads once published and no
 * longer written.
 */
final class LongIntHashMap {

    static final int MISSING = -1;
    private static final long FREE = Long.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private int mask;
    private int size;

    /** A map that holds {@code capacity} keys before it first grows. */
    LongIntHashMap(int capacity) {
        allocate(Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) << 1);
    }

    private void allocate(int slots) {
        this.keys = new long[slots];
        this.values = new int[slots];
        this.mask = slots - 1;
        Arrays.fill(keys, FREE);
    }

    /** The value for the key, or {@link #MISSING}. */
    int get(long key) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == FREE) {
                return MISSING;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Puts the value unless the key is present; returns the value now stored for the key. */
    int putIfAbsent(long key, int value) {
        int slot = slot(key);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == FREE) {
                if ((size + 1) * 2 > keys.length) {
                    grow();
                    return putIfAbsent(key, value);
                }
                keys[slot] = key;
                values[slot] = value;
                size++;
                return value;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = slot(oldKeys[i]);
                while (keys[slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
