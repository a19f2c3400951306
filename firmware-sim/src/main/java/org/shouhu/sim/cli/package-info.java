/** The {@code shouhu-sim} subcommands (picocli): fleet, sos, region, replay, load, bench, directory-seed. */
package org.shouhu.sim.cli;
