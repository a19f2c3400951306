/**
 * The pure behaviour core of the simulator: what a wristband publishes between two simulated instants, for a seed.
 * Daily routines in the Asia/Shanghai time zone, GNSS and cell-tower fixes with realistic error, battery, band
 * removal, coverage gaps with late batched uploads, clock skew, and scripted interventions. No I/O, no wall clock:
 * time is always passed in, so a school day runs in milliseconds and tests are deterministic.
 */
package org.shouhu.sim.model;
