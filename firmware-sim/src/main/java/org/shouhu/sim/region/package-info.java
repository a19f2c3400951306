/**
 * Seeded, deterministic generation of the simulated region: villages, schools, danger spots and the children who
 * wear the wristbands. The server's demo uses the same generator so that the children it registers are the ones the
 * simulator moves.
 */
package org.shouhu.sim.region;
