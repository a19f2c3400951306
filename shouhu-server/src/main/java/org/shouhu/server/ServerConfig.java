package org.shouhu.server;

import java.nio.file.Path;
import java.util.Optional;
import org.shouhu.server.auth.AccessConfig;
import org.shouhu.server.geofence.GeofenceConfig;
import org.shouhu.server.map.MapSettings;
import org.shouhu.support.config.ConfigDef;
import org.shouhu.support.config.ConfigType;
import org.shouhu.support.config.ConfigValues;
import org.shouhu.support.config.Validator;
import org.shouhu.support.db.DatabaseSettings;

/**
 * The server's own settings: database, HTTP listener, directory seed.
 *
 * @param directorySeed a directory seed file loaded (upserted) at start-up, if any
 * @param access        accounts, tokens, access log and retention ({@code auth.*}, {@code access.*})
 * @param map           the live map's settings ({@code map.*})
 * @param geofence      geofence evaluation ({@code geofence.*})
 */
public record ServerConfig(DatabaseSettings database, int databasePoolSize, String httpHost, int httpPort,
                           Optional<Path> directorySeed, AccessConfig access, MapSettings map,
                           GeofenceConfig geofence) {

    public static final ConfigDef DEFINITION = ConfigDef.merge(new ConfigDef()
            .defineRequired("database.url", ConfigType.STRING, Validator.of(
                    value -> value.toString().startsWith("jdbc:postgresql://") ? null : "must start with jdbc:postgresql://",
                    "jdbc:postgresql://host:port/database"),
                    "JDBC URL of the PostgreSQL or TimescaleDB database. The schema is created and migrated at start-up.")
            .define("database.user", ConfigType.STRING, "postgres", Validator.nonBlank(), "Database role.")
            .defineSecret("database.password", "", Validator.any(), "Database password; empty for trust authentication.")
            .define("database.pool-size", ConfigType.INT, 8, Validator.between(2, 200),
                    "Connections shared by alert dispatch and the HTTP API (ingest has its own writer connections).")
            .define("http.host", ConfigType.STRING, "127.0.0.1", Validator.nonBlank(),
                    "Address the HTTP API, live map and metrics listen on. Use 0.0.0.0 to listen on all interfaces.")
            .define("http.port", ConfigType.INT, 8080, Validator.between(0, 65535),
                    "Port of the HTTP API, live map and metrics; 0 picks a free port (tests).")
            .define("directory.seed-file", ConfigType.STRING, "", Validator.any(),
                    "A JSON directory seed (jurisdictions, guardians, children) upserted at start-up; empty for none. "
                            + "Format in docs/operations.md."), AccessConfig.DEFINITION,
            MapSettings.DEFINITION, GeofenceConfig.DEFINITION);

    public static ServerConfig from(ConfigValues values) {
        String seed = values.getString("directory.seed-file");
        return new ServerConfig(
                new DatabaseSettings(values.getString("database.url"), values.getString("database.user"),
                        values.getString("database.password")),
                values.getInt("database.pool-size"),
                values.getString("http.host"),
                values.getInt("http.port"),
                seed.isBlank() ? Optional.empty() : Optional.of(Path.of(seed)),
                AccessConfig.from(values),
                MapSettings.from(values),
                GeofenceConfig.from(values));
    }
}
