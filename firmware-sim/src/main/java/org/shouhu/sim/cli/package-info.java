/** The {@code shouhu-sim} subcommands (picocli): fleet, sos, region, replay. */
package org.shouhu.sim.cli;
