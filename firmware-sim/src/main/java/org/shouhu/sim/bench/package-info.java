/**
 * The load harness ({@code shouhu-sim bench}): drives a running platform with wristband connections, measures
 * fixes committed per second and SOS press-to-police latency, and measures in the same run the raw limits of the
 * machine (the broker alone, binary {@code COPY} alone) so every platform figure is a ratio. See
 * {@code docs/benchmarking.md}.
 */
package org.shouhu.sim.bench;
