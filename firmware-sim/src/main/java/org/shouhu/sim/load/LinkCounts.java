package org.shouhu.sim.load;

/**
 * What became of a load fleet's connections after the ramp.
 *
 * @param drops       connections that dropped (not counting the fleet's own disconnect at the end)
 * @param reconnects  connections a band opened again after a drop
 * @param down        bands whose connection has dropped and is not back yet
 */
public record LinkCounts(long drops, long reconnects, int down) {

    public static final LinkCounts NONE = new LinkCounts(0, 0, 0);

    public LinkCounts plus(LinkCounts other) {
        return new LinkCounts(drops + other.drops, reconnects + other.reconnects, down + other.down);
    }
}
