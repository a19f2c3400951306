package org.shouhu.embedded.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs PostgreSQL's command-line tools ({@code initdb}, {@code pg_ctl}) from an installation, appending their output
 * to a log file. PostgreSQL refuses to run as root, so when the JVM runs as root every command is run in a new user
 * namespace where the JVM's user appears as an ordinary user ({@code unshare --user --map-user=1000
 * --map-group=1000}); files it creates still belong to the JVM's user outside the namespace. Thread-safe.
 */
public final class PostgresTools {

    /** The prefix that runs a command as an unprivileged user when the JVM runs as root. */
    static final List<String> UNPRIVILEGED_PREFIX =
            List.of("unshare", "--user", "--map-user=1000", "--map-group=1000");

    private final PostgresBinaries binaries;
    private final List<String> prefix;

    public PostgresTools(PostgresBinaries binaries, boolean runningAsRoot) {
        this.binaries = binaries;
        this.prefix = runningAsRoot ? UNPRIVILEGED_PREFIX : List.of();
    }

    /** The full command line that runs {@code program} with {@code arguments}. */
    public List<String> commandLine(String program, List<String> arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.add(binaries.program(program).toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * Runs {@code program} to completion, its output appended to {@code log}.
     *
     * @return the exit code
     * @throws ToolFailedException when the program cannot be started or does not end within the timeout
     */
    public int run(String program, List<String> arguments, Path log, long timeoutSeconds) {
        List<String> command = commandLine(program, arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        scrub(builder.environment());
        try {
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ToolFailedException(program + " did not finish within " + timeoutSeconds + " s");
            }
            return process.exitValue();
        } catch (IOException e) {
            String hint = prefix.isEmpty() ? "" : " (PostgreSQL refuses to run as root; running it as an ordinary user "
                    + "needs the unshare command of util-linux and unprivileged user namespaces)";
            throw new ToolFailedException("could not run " + String.join(" ", command) + ": " + e.getMessage() + hint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailedException("interrupted while running " + program);
        }
    }

    /**
     * Removes variables that would point the tools at another server or change their messages: the tools get every
     * setting on their command line, and log lines are matched in English.
     */
    private static void scrub(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("LC_") || name.equals("LANG"));
        environment.put("LC_ALL", "C");
    }

    /** A tool could not be run at all or did not end in time. */
    public static final class ToolFailedException extends RuntimeException {
        ToolFailedException(String message) {
            super(message);
        }
    }
}
