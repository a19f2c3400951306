package org.shouhu.protocol;

/** A message from a wristband to the platform. Every one names its device and carries a per-device sequence. */
public sealed interface UplinkMessage permits PositionReport, SosPress, StatusReport, PositionBatch {

    DeviceId deviceId();

    /** Per-device sequence number, 0..2^32-1, incremented by the device for every message it sends. */
    long sequence();

    MessageType type();

    /** Sequence numbers are unsigned 32-bit on the wire. */
    static long checkSequence(long sequence) {
        if (sequence < 0 || sequence > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sequence out of range 0..4294967295: " + sequence);
        }
        return sequence;
    }

    static int checkBattery(int batteryPercent) {
        if (batteryPercent < 0 || batteryPercent > 100) {
            throw new IllegalArgumentException("battery out of range 0..100: " + batteryPercent);
        }
        return batteryPercent;
    }
}
