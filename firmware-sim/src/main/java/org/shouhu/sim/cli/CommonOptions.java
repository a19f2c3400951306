package org.shouhu.sim.cli;

import org.shouhu.sim.PayloadForm;
import org.shouhu.sim.region.RegionGenerator;
import org.shouhu.sim.region.RegionSettings;
import picocli.CommandLine.Option;

/** Options every subcommand that talks to a broker or generates the region shares. */
public final class CommonOptions {

    @Option(names = {"-b", "--broker"}, paramLabel = "URL", defaultValue = "tcp://127.0.0.1:1883",
            description = "MQTT broker, tcp://host:port (default: ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the generated region and of every band's behaviour; the same seed gives the same "
                    + "children and the same messages (default: 1, or the scenario's).")
    Long seed;

    @Option(names = "--first-imei", paramLabel = "IMEI", defaultValue = "" + RegionSettings.DEFAULT_FIRST_IMEI,
            description = "IMEI of band 0; band i is first-imei + i (default: ${DEFAULT-VALUE}).")
    long firstImei;

    @Option(names = "--form", paramLabel = "FORM", defaultValue = "BINARY",
            description = "Payload form the bands speak: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PayloadForm form;

    long seedOr(long fallback) {
        return seed != null ? seed : fallback;
    }

    RegionGenerator region(long effectiveSeed) {
        return new RegionGenerator(RegionSettings.defaults(effectiveSeed).withFirstImei(firstImei));
    }
}
