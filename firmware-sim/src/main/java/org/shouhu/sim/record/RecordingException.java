package org.shouhu.sim.record;

/** A recording or track file that cannot be read: says which file, which line and why. Permanent. */
public final class RecordingException extends Exception {

    public RecordingException(String message) {
        super(message);
    }
}
