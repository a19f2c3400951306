/**
 * Record what a fleet published (with simulated timing) and replay it later at 1x or accelerated, byte for byte;
 * import real tracks from GPX or CSV files as position reports to replay.
 */
package org.shouhu.sim.record;
