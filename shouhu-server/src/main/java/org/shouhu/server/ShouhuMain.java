package org.shouhu.server;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.shouhu.server.demo.DemoCommand;
import org.shouhu.support.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code shouhu} command: {@code serve}, {@code demo}, {@code config-reference}. */
@Command(name = "shouhu", mixinStandardHelpOptions = true, version = "shouhu 0.1.0",
        description = "GPS wristband platform: ingest, geofences, SOS and alert dispatch.",
        subcommands = {ShouhuMain.Serve.class, DemoCommand.class, ShouhuMain.ConfigReference.class})
public final class ShouhuMain {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ShouhuMain());
        commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
            if (error instanceof ConfigException) {
                line.getErr().println(error.getMessage());
                return 2;
            }
            throw error;
        });
        System.exit(commandLine.execute(args));
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the server against an external MQTT broker and PostgreSQL or TimescaleDB. "
                    + "Settings come from the file and from SHOUHU_* environment variables (docs/configuration.md).")
    static final class Serve implements Callable<Integer> {

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file with the settings.")
        Path config;

        @Override
        public Integer call() throws Exception {
            ShouhuConfig settings = ShouhuConfig.load(Optional.ofNullable(config), System.getenv());
            ShouhuServer server = ShouhuServer.start(settings).toCompletionStage().toCompletableFuture().get();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop().await(), "shouhu-shutdown"));
            Thread.currentThread().join();
            return 0;
        }
    }

    @Command(name = "config-reference", mixinStandardHelpOptions = true,
            description = "Print the configuration reference (Markdown), generated from the definitions.")
    static final class ConfigReference implements Callable<Integer> {

        @Override
        public Integer call() {
            System.out.print(ConfigurationReference.markdown());
            return 0;
        }
    }
}
