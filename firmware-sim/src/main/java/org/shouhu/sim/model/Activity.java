package org.shouhu.sim.model;

/** What a child is doing, which decides how the wristband moves and how well it sees the sky. */
public enum Activity {
    /** At home; indoors, the band sees the sky poorly. */
    AT_HOME(true),
    /** Walking (or riding) between places; outdoors. */
    TRAVELLING(false),
    /** In class; indoors. */
    AT_SCHOOL(true),
    /** At a friend's village; mostly outdoors. */
    VISITING(false),
    /** At a river bank or another danger spot; outdoors. */
    AT_DANGER_SPOT(false);

    private final boolean indoors;

    Activity(boolean indoors) {
        this.indoors = indoors;
    }

    public boolean indoors() {
        return indoors;
    }
}
