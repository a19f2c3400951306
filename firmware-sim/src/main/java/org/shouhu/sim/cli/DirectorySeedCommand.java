package org.shouhu.sim.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.shouhu.sim.bench.DirectorySeed;
import org.shouhu.sim.region.RegionPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shouhu-sim directory-seed}: the platform's directory seed for a generated region. */
@Command(name = "directory-seed", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Write a directory seed for the platform (its directory.seed-file setting): four police jurisdictions "
                    + "tiling the generated region with their CAP endpoints, one guardian per child with a webhook, "
                    + "one child per band. The same --devices, --seed and --first-imei as 'fleet' or 'bench' give "
                    + "the same bands. By default every endpoint points at the receiver of 'shouhu-sim bench'."})
final class DirectorySeedCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = {"-n", "--devices"}, paramLabel = "N", defaultValue = "1000",
            description = "Number of bands (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--police", paramLabel = "URL", defaultValue = "http://127.0.0.1:18480/",
            description = "Base URL of the police CAP endpoints; jurisdiction ID gets URL/cap/ID "
                    + "(default: ${DEFAULT-VALUE}).")
    URI police;

    @Option(names = "--guardians", paramLabel = "URL", defaultValue = "http://127.0.0.1:18480/",
            description = "Base URL of the guardian webhooks; guardian ID gets URL/guardian/ID "
                    + "(default: ${DEFAULT-VALUE}).")
    URI guardians;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The seed file to write.")
    Path output;

    private final PrintStream err;

    DirectorySeedCommand(PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || devices > 1_000_000) {
            throw new IllegalArgumentException("--devices must be 1..1000000: " + devices);
        }
        RegionPlan plan = common.region(common.seedOr(1)).generate(devices);
        Files.writeString(output, DirectorySeed.of(plan, police, guardians).encode(), StandardCharsets.UTF_8);
        err.printf("wrote %s: %d children and guardians, %d jurisdictions, police at %scap/...%n", output, devices, 4,
                police.toString().endsWith("/") ? police : police + "/");
        return 0;
    }
}
