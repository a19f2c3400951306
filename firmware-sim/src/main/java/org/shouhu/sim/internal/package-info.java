/**
 * Machinery behind the simulator's public API: Paho connections per device, publish accounting, latency
 * histograms, seeded random streams. Not a stable API.
 */
package org.shouhu.sim.internal;
