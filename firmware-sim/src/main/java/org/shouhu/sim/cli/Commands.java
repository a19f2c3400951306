package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.time.Clock;
import picocli.CommandLine;

/** Assembles the {@code shouhu-sim} command tree with the clock and streams the commands use. */
public final class Commands {

    private Commands() {
    }

    public static CommandLine commandLine(Object top, Clock clock, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(top);
        cli.addSubcommand(new FleetCommand(clock, out, err));
        cli.addSubcommand(new SosCommand(clock, out));
        cli.addSubcommand(new RegionCommand(out));
        cli.addSubcommand(new ReplayCommand(clock, out, err));
        cli.addSubcommand(new LoadCommand(clock, out, err));
        cli.addSubcommand(new BenchCommand(clock, out, err));
        cli.addSubcommand(new DirectorySeedCommand(err));
        cli.addSubcommand(new CommandLine.HelpCommand());
        return cli;
    }
}
