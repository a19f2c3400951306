package org.shouhu.geofence.internal;

import org.shouhu.geofence.Presence;
import org.shouhu.geofence.Zone;
import org.shouhu.protocol.Fix;

/**
 * A confirmed change of a device's presence in a zone, decided by {@code fix}. {@code crossed}: the device was
 * never seen inside, but the path between two fixes crossed the (danger) zone; {@code to} is then INSIDE.
 */
public record Transition(Zone zone, Presence to, Fix fix, boolean crossed) {
}
