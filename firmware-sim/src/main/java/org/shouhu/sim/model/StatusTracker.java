package org.shouhu.sim.model;

/**
 * Remembers what the band last told the platform about its health, to send a status report only when something
 * the platform cares about changed: worn, charging, or the battery crossing the low (20 %) or critical (10 %) level.
 * Not thread-safe.
 */
final class StatusTracker {

    private boolean known;
    private boolean worn;
    private boolean charging;
    private int batteryLevel;

    /** Records the current state; true when it differs from the last recorded one in a way worth reporting. */
    boolean changed(boolean nowWorn, boolean nowCharging, int batteryPercent) {
        int level = batteryPercent <= Battery.CRITICAL_PERCENT ? 2 : batteryPercent <= Battery.LOW_PERCENT ? 1 : 0;
        boolean changed = known && (nowWorn != worn || nowCharging != charging || level > batteryLevel);
        known = true;
        worn = nowWorn;
        charging = nowCharging;
        batteryLevel = level;
        return changed;
    }
}
