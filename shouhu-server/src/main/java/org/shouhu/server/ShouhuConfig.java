package org.shouhu.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.ingest.IngestConfig;
import org.shouhu.support.config.ConfigDef;
import org.shouhu.support.config.ConfigFiles;
import org.shouhu.support.config.ConfigValues;

/** All settings of one server process, from one file and the environment, validated together. */
public record ShouhuConfig(ServerConfig server, IngestConfig ingest, AlertDispatchConfig alerts) {

    /** Every key the server knows, in the order the reference lists them. */
    public static final ConfigDef DEFINITION = ConfigDef.merge(
            ServerConfig.DEFINITION, IngestConfig.DEFINITION, AlertDispatchConfig.DEFINITION);

    /**
     * Reads the file (if any), lets {@code SHOUHU_*} environment variables override it, and validates everything.
     *
     * @throws org.shouhu.support.config.ConfigException listing every bad or missing value
     */
    public static ShouhuConfig load(Optional<Path> file, Map<String, String> environment) {
        Map<String, String> properties = file.map(ConfigFiles::read).orElse(Map.of());
        return from(DEFINITION.parse(properties, environment));
    }

    public static ShouhuConfig from(Map<String, String> properties) {
        return from(DEFINITION.parse(properties, Map.of()));
    }

    private static ShouhuConfig from(ConfigValues values) {
        return new ShouhuConfig(ServerConfig.from(values), IngestConfig.from(values), AlertDispatchConfig.from(values));
    }
}
