package org.shouhu.protocol.internal;

import java.time.Instant;

import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.SosPress;

/**
 * Builds an SOS from fields that passed the frame checks (length, checksum, version, JSON syntax) and never rejects it
 * for its content: a press time beyond the allowed skew becomes the platform's now (the child pressed now; the
 * device clock is wrong); a fix that is invalid or has no position becomes {@link Fix#none(Instant)} at the press
 * time, so the platform falls back to the last known position; a battery out of range is clamped. Stateless.
 */
public final class SosRules {

    private SosRules() {
    }

    /**
     * @param rawFix the fix fields, or null when the payload's fix could not be read (JSON with a missing or
     *               ill-typed fix)
     */
    public static SosPress accept(DeviceId device, long sequence, long pressedAtMillis, RawFix rawFix,
                                  long batteryPercent, FixRules rules) {
        Instant pressedAt = Instant.ofEpochMilli(pressedAtMillis);
        if (rules.isInFuture(pressedAt)) {
            pressedAt = rules.now();
        }
        Fix fix = usableFix(rawFix, rules);
        if (fix == null || !fix.hasPosition()) {
            fix = Fix.none(pressedAt);
        }
        return new SosPress(device, sequence, pressedAt, fix, Battery.clampForSos(batteryPercent));
    }

    private static Fix usableFix(RawFix rawFix, FixRules rules) {
        if (rawFix == null) {
            return null;
        }
        try {
            return rules.validate(rawFix);
        } catch (ProtocolException invalidFix) {
            // The reason is not needed: any invalid fix is replaced the same way.
            return null;
        }
    }
}
