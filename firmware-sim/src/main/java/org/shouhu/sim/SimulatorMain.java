package org.shouhu.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import org.shouhu.sim.cli.Commands;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.record.RecordingException;
import org.shouhu.sim.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code shouhu-sim}: the simulated wristband command line. Exit status: 0 success, 1 failures (messages not
 * acknowledged, broker unreachable), 2 usage errors (bad options, unreadable scenario or recording files).
 */
@Command(name = "shouhu-sim", mixinStandardHelpOptions = true, version = "shouhu-sim 0.1.0",
        description = {
            "Simulated Shouhu GPS wristbands worn by children in rural Guizhou, publishing positions, SOS presses "
                    + "and status over MQTT exactly as real bands do (topics shouhu/v1/{imei}/up/..., binary or JSON "
                    + "payloads, QoS 1, one persistent connection per band).",
            "",
            "Start with 'shouhu-sim fleet -n 100' against a local broker; 'shouhu-sim help COMMAND' explains each "
                    + "command. The format of scenario files is in docs/simulator.md.",
            ""},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:success", "1:failures (messages not acknowledged, broker unreachable)",
            "2:usage error (bad option, unreadable scenario, recording or track file)"})
public final class SimulatorMain {

    public static final int OK = 0;
    public static final int FAILURES = 1;
    public static final int USAGE = 2;

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "shouhu-sim-logback.xml");
        }
        System.exit(run(Clock.systemUTC(), System.out, System.err, args));
    }

    /** Runs the command line with the given streams and clock; returns the exit status. */
    public static int run(Clock clock, PrintStream out, PrintStream err, String... args) {
        CommandLine cli = Commands.commandLine(new SimulatorMain(), clock, out, err);
        cli.registerConverter(Duration.class, DurationText::parse);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("shouhu-sim: " + message(e));
            return isUsage(e) ? USAGE : FAILURES;
        });
        return cli.execute(args);
    }

    private static boolean isUsage(Exception e) {
        return e instanceof ScenarioException || e instanceof RecordingException || e instanceof IllegalArgumentException;
    }

    private static String message(Exception e) {
        if (e instanceof BrokerException broker) {
            return "broker: " + broker.getMessage() + (broker.retriable() ? " (retry later)" : "");
        }
        if (e instanceof IOException) {
            return "file: " + e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
