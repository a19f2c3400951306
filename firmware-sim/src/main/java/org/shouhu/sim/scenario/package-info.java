/**
 * Scenario files: scripted events (SOS presses, a child walking into a danger zone, a band taken off, a band offline
 * for an hour) on top of the simulated routines, deterministic for a seed. The format is described in
 * {@code docs/simulator.md} and on {@link org.shouhu.sim.scenario.ScenarioParser}.
 */
package org.shouhu.sim.scenario;
