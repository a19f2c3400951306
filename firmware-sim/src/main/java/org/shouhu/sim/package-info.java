/**
 * Simulated wristband fleets over MQTT. {@link org.shouhu.sim.SimulatedFleet} runs a fleet in-process (the server's
 * demo uses it); {@link org.shouhu.sim.SimulatorMain} is the {@code shouhu-sim} command line. Behaviour lives in
 * {@code org.shouhu.sim.model}, region generation in {@code org.shouhu.sim.region}, scenario files in
 * {@code org.shouhu.sim.scenario}, recording and replay in {@code org.shouhu.sim.record}.
 */
package org.shouhu.sim;
